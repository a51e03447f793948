import { useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/network";
import { professionalContext, readSection } from "../../plan/context.server";
import { careFrame } from "../../plan/care.server";
import { networkPart } from "../../plan/parts.server";
import { PhoneLinks } from "../../components/phone-links";

// The people around the family, read only: one read through the gate, one entry in
// the family's log.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = professionalContext({ request, context }, params.familyId);
  const people = readSection(ctx, "network", networkPart);
  return { frame: careFrame(ctx), people };
}

export default function CareNetwork() {
  const { t } = useTranslation("network");
  const { people } = useLoaderData<typeof loader>();
  const groups = [
    { kind: "informal", title: t("list.informal"), people: people.filter((p) => p.kind === "informal") },
    { kind: "professional", title: t("list.professional"), people: people.filter((p) => p.kind === "professional") },
  ];
  return (
    <div className="stack">
      <h1>{t("care:network.title")}</h1>
      <p>{t("care:network.intro")}</p>
      {groups.map((group) => (
        <section key={group.kind} className="card" aria-labelledby={`network-${group.kind}`}>
          <h2 id={`network-${group.kind}`}>{group.title}</h2>
          {group.people.length === 0 ? <p>{t("list.none")}</p> : null}
          <ul className="list">
            {group.people.map((person) => (
              <li key={person.id}>
                <p className="item-title">{person.name}</p>
                <p className="meta">{[person.relation, person.organisation].filter(Boolean).join(" · ")}</p>
                {person.phone ? <PhoneLinks text={person.phone} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
