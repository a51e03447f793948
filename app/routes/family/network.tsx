import { Link, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/network";
import { familyContext, readSection } from "../../plan/context.server";
import { listNetwork } from "../../plan/network.server";
import { PhoneLinks } from "../../components/phone-links";

export function loader({ request, params }: Route.LoaderArgs) {
  const ctx = familyContext(request, params.familyId);
  return { familyId: ctx.familyId, people: readSection(ctx, "network", listNetwork) };
}

export default function Network() {
  const { t } = useTranslation("network");
  const { familyId, people } = useLoaderData<typeof loader>();
  const groups = [
    { kind: "informal", title: t("list.informal"), people: people.filter((p) => p.kind === "informal") },
    { kind: "professional", title: t("list.professional"), people: people.filter((p) => p.kind === "professional") },
  ];
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
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
                <p className="actions">
                  <Link to={`/f/${familyId}/network/${person.id}`} className="button-secondary" aria-label={t("list.editLabel", { name: person.name })}>
                    {t("list.edit")}
                  </Link>
                  <Link to={`/f/${familyId}/delete/network/${person.id}`} className="button-link" aria-label={t("list.deleteLabel", { name: person.name })}>
                    {t("list.delete")}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p className="actions">
        <Link to={`/f/${familyId}/network/new`} className="button">
          {t("list.add")}
        </Link>
      </p>
    </div>
  );
}
