import type { ReactNode } from "react";

/** A calm line that says what just happened ("Opgeslagen."); screen readers read it out. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}
