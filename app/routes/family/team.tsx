import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/team";
import { adminContext, familyContext, readSection, writeSection } from "../../plan/context.server";
import { coachChoices, hasActiveCoach, setTeam, teamOf, teamSettings } from "../../plan/team.server";
import { waakvlamOf } from "../../plan/coaching.server";
import { WaakvlamCard } from "../../components/waakvlam-card";
import { teamSchema } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { Choices, FormError, SelectField } from "../../components/fields";
import { Notice } from "../../components/notice";
import { TeamList } from "../../components/team-list";

// "Wie doet wat?" as the family sees it: every professional who has access now,
// the coach first, with their steps. Every member sees it; the admins choose the
// coach and the second coach, and whether the professionals see this page too.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const isAdmin = ctx.access.role === "admin";
  return readSection(ctx, "team", (db, familyId, grants) => ({
    familyId,
    isAdmin,
    team: teamOf(db, familyId, grants, null),
    settings: isAdmin ? { ...teamSettings(db, familyId), choices: coachChoices(db, familyId), canEnd: hasActiveCoach(db, familyId) } : null,
    waakvlam: waakvlamOf(db, familyId),
  }));
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = adminContext({ request, context }, params.familyId);
  const parsed = parseForm(await request.formData(), teamSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const saved = writeSection(ctx, "team", (db, familyId, userId) => setTeam(db, familyId, userId, { ...parsed.data, teamPage: parsed.data.teamPage === "on" }));
  if ("field" in saved && saved.field) {
    const errors: Record<string, string> = { [saved.field]: `team:errors.${saved.error}` };
    return data({ errors, values: parsed.values }, { status: 400 });
  }
  return redirect(`/f/${ctx.familyId}/team?saved=1`);
});

export default function Team() {
  const { t } = useTranslation("team");
  const { familyId, isAdmin, team, settings, waakvlam } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors: Record<string, string> | undefined = result?.errors;
  const coachName = team.people.find((person) => person.coach === "coach")?.name;
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {params.get("saved") && !result ? <Notice>{t("saved")}</Notice> : null}
      {params.get("handedOver") ? <Notice>{t("handedOver")}</Notice> : null}
      {params.get("back") && coachName ? <Notice>{params.get("back") === "mailed" ? t("backMailed", { name: coachName }) : t("back", { name: coachName })}</Notice> : null}
      {waakvlam ? <WaakvlamCard familyId={familyId} waakvlam={waakvlam} /> : null}
      {!team.teamPage ? <p className="notice">{t("offNote")}</p> : null}
      {team.people.length === 0 ? (
        <section className="card">
          <p>{t("none")}</p>
          {isAdmin ? (
            <p className="actions">
              <Link to={`/f/${familyId}/access/new`} className="button">
                {t("invite")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : (
        <TeamList people={team.people} goalLink={(goalId) => `/f/${familyId}/goals/${goalId}`} />
      )}
      {settings ? (
        <section className="card" aria-labelledby="team-settings">
          <h2 id="team-settings">{t("settings.title")}</h2>
          <p>{t("settings.intro")}</p>
          <Form method="post" noValidate>
            <FormError errors={errors} />
            {settings.choices.length === 0 ? <p className="meta">{t("settings.onlyWithAccess")}</p> : null}
            {(["coach", "second"] as const).map((field) => (
              <SelectField
                key={field}
                name={field}
                label={t(`settings.${field}`)}
                errors={errors}
                defaultValue={result?.values[field] ?? (field === "coach" ? settings.coachConsentId : settings.secondCoachConsentId) ?? ""}
                options={[
                  { value: "", label: t("settings.nobody") },
                  ...settings.choices.map((choice) => {
                    const name = [choice.name, choice.organisation].filter(Boolean).join(", ");
                    return { value: choice.id, label: choice.status === "pending" ? t("settings.waiting", { name }) : name };
                  }),
                ]}
              />
            ))}
            <Choices
              name="teamPage"
              label={t("settings.teamPage")}
              hint={t("settings.teamPageHint")}
              errors={errors}
              defaultValue={result?.values.teamPage ?? (settings.teamPage ? "on" : "off")}
              options={[
                { value: "on", label: t("settings.on") },
                { value: "off", label: t("settings.off") },
              ]}
            />
            <div className="actions">
              <button type="submit" className="primary">
                {t("settings.save")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {settings?.canEnd ? (
        <section className="card" aria-labelledby="team-end">
          <h2 id="team-end">{t("endLink")}</h2>
          <p>{t("endIntro")}</p>
          <p className="actions">
            <Link to={`/f/${familyId}/team/end`} className="button-secondary">
              {t("endLink")}
            </Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
