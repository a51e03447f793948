import { Form, Link, redirect, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/help";
import { familyContext, readSection } from "../../plan/context.server";
import { helpUntil, waakvlamOf } from "../../plan/coaching.server";
import { formatDate, lastDay } from "../../lib/dates";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { PartsList, useFamilyPartLabel } from "../../components/parts-list";
import { askCoachBackAndTell } from "../../sharing/consents.server";

// "We willen weer hulp" (ADR 021): the family on waakvlam sees what their last coach
// had, and an admin confirms; then the coach has those parts again and hears so.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return {
    familyId: ctx.familyId,
    isAdmin: ctx.access.role === "admin",
    waakvlam: readSection(ctx, "team", (db, familyId) => waakvlamOf(db, familyId)),
    until: lastDay(helpUntil()),
  };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  // Only admins give access; anyone else gets what a stranger gets.
  if (ctx.access.role !== "admin") throw new Response("Not Found", { status: 404 });
  const back = await askCoachBackAndTell(ctx);
  if (!back) return redirect(`/f/${ctx.familyId}/help`);
  return redirect(`/f/${ctx.familyId}/team?back=${back.mail === "sent" ? "mailed" : "1"}`);
});

export default function Help() {
  const { t, i18n } = useTranslation("team");
  const partLabel = useFamilyPartLabel();
  const { familyId, isAdmin, waakvlam, until } = useLoaderData<typeof loader>();
  const coach = waakvlam?.lastCoach ?? null;
  return (
    <div className="stack">
      <h1>{t("help.title")}</h1>
      {!waakvlam ? (
        <p>{t("help.notOn")}</p>
      ) : !coach?.canAsk ? (
        <>
          <p>{t("help.noCoach")}</p>
          {isAdmin ? (
            <p className="actions">
              <Link to={`/f/${familyId}/access/new`} className="button">
                {t("invite")}
              </Link>
            </p>
          ) : null}
        </>
      ) : (
        <section className="card" aria-labelledby="help-coach">
          <h2 id="help-coach">{t("help.ask", { name: coach.name })}</h2>
          <p>{t("help.parts", { name: coach.name, date: formatDate(until, i18n.language) })}</p>
          <PartsList parts={coach.parts} label={partLabel} />
          {isAdmin ? (
            <Form method="post">
              <div className="actions">
                <button type="submit" className="primary">
                  {t("help.confirm", { name: coach.name })}
                </button>
              </div>
            </Form>
          ) : (
            <p className="notice">{t("help.askAdmin")}</p>
          )}
        </section>
      )}
      <p className="actions">
        <Link to={`/f/${familyId}`}>{t("help.back")}</Link>
      </p>
    </div>
  );
}
