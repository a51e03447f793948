import { Link, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/network";
import { NETWORK_KINDS } from "../../../db/values";
import { familyContext, readSection } from "../../plan/context.server";
import { listNetwork } from "../../plan/network.server";
import { PhoneLinks } from "../../components/phone-links";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return { familyId: ctx.familyId, people: readSection(ctx, "network", listNetwork) };
}

export default function Network() {
  const { t, i18n } = useTranslation("network");
  const { familyId, people } = useLoaderData<typeof loader>();
  // Names sorted the way people read them ("oma Ria" next to "Oom Piet"), not by byte.
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, i18n.language, { sensitivity: "base" });
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      {NETWORK_KINDS.map((kind) => {
        const group = people.filter((p) => p.kind === kind).sort(byName);
        return (
          <section key={kind} className="card" aria-labelledby={`network-${kind}`}>
            <h2 id={`network-${kind}`}>{t(`list.${kind}`)}</h2>
            {group.length === 0 ? (
              <p>{t("list.none")}</p>
            ) : (
              <ul className="list">
                {group.map((person) => (
                  <li key={person.id}>
                    <p className="item-title">{person.name}</p>
                    {person.relation || person.organisation ? (
                      <p className="meta">{[person.relation, person.organisation].filter(Boolean).join(" · ")}</p>
                    ) : null}
                    {person.phone ? (
                      <p>
                        <PhoneLinks text={person.phone} />
                      </p>
                    ) : null}
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
            )}
          </section>
        );
      })}
      <p className="actions">
        <Link to={`/f/${familyId}/network/new`} className="button">
          {t("list.add")}
        </Link>
      </p>
    </div>
  );
}
