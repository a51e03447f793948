import type { ReactNode } from "react";

/** The page for a link that does not work: why, in plain words, and where to go now. */
export function ClosedLink({ title, text, children }: { title: string; text: string; children: ReactNode }) {
  return (
    <section className="card">
      <h1>{title}</h1>
      <p>{text}</p>
      <p className="actions">{children}</p>
    </section>
  );
}
