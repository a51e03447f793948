import { Form, Link, data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/team-end";
import { adminContext, readSection, writeSection } from "../../plan/context.server";
import { endingChoices, handOver, startWaakvlam } from "../../plan/coaching.server";
import { handOverSchema, waakvlamSchema } from "../../plan/schemas";
import { formList, parseForm } from "../../lib/forms";
import { handlerFor, intentOf } from "../../lib/intents";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { FormError, SelectField } from "../../components/fields";

// "De coaching stopt" (ADR 021), for the admins: hand the coach role to someone
// else, or put the plan on waakvlam and choose whose access stays.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = adminContext({ request, context }, params.familyId);
  return { familyId: ctx.familyId, ...readSection(ctx, "team", (db, familyId) => endingChoices(db, familyId)) };
}

type Args = { ctx: ReturnType<typeof adminContext>; formData: FormData };
type Failure = { intent: string; errors: Record<string, string>; values: Record<string, string>; keep: string[] };

const fail = (failure: Failure) => data<Failure>(failure, { status: 400 });

const INTENTS = {
  handover: ({ ctx, formData }: Args) => {
    const parsed = parseForm(formData, handOverSchema);
    if (!parsed.ok) return fail({ intent: "handover", errors: parsed.errors, values: parsed.values, keep: [] });
    const done = writeSection(ctx, "team", (db, familyId, userId) => handOver(db, familyId, userId, { to: parsed.data.to, endOld: parsed.data.endOld === "yes" }));
    if ("error" in done && done.error) return fail({ intent: "handover", errors: { [done.field]: `team:errors.${done.error}` }, values: parsed.values, keep: [] });
    return redirect(`/f/${ctx.familyId}/team?handedOver=1`);
  },
  waakvlam: ({ ctx, formData }: Args) => {
    const keep = formList(formData, "keep");
    const parsed = parseForm(formData, waakvlamSchema);
    if (!parsed.ok) return fail({ intent: "waakvlam", errors: parsed.errors, values: parsed.values, keep });
    const done = writeSection(ctx, "team", (db, familyId, userId) => startWaakvlam(db, familyId, userId, { keep, checkinMail: parsed.data.checkinMail === "yes" }));
    if ("error" in done && done.error) return fail({ intent: "waakvlam", errors: { [done.field]: `team:errors.${done.error}` }, values: parsed.values, keep });
    return redirect(`/f/${ctx.familyId}?waakvlam=1`);
  },
};

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = adminContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const handler = handlerFor(INTENTS, intentOf(formData));
  if (!handler) return fail({ intent: "", errors: { form: "errors.invalid" }, values: {}, keep: [] });
  return handler({ ctx, formData });
});

const nameOf = (person: { name: string; organisation: string }) => [person.name, person.organisation].filter(Boolean).join(", ");

export default function TeamEnd() {
  const { t } = useTranslation("team");
  const { familyId, coach, others } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = (intent: string) => (result?.intent === intent ? result : undefined);
  if (!coach) {
    return (
      <div className="stack">
        <h1>{t("end.title")}</h1>
        <FormError errors={result?.errors} />
        <p>{t("end.noCoach")}</p>
        <p className="actions">
          <Link to={`/f/${familyId}/team`} className="button">
            {t("end.chooseCoach")}
          </Link>
        </p>
      </div>
    );
  }
  const coachName = nameOf(coach);
  const handover = failed("handover");
  const waakvlam = failed("waakvlam");
  const kept = new Set<string>(waakvlam && "keep" in waakvlam ? (waakvlam.keep as string[]) : []);
  return (
    <div className="stack">
      <h1>{t("end.title")}</h1>
      <p>{t("end.intro", { name: coachName })}</p>
      <FormError errors={result?.intent === "" ? result.errors : undefined} />

      <section className="card" aria-labelledby="handover-heading">
        <h2 id="handover-heading">{t("end.handover.title")}</h2>
        {others.length === 0 ? (
          <p>{t("end.handover.nobody")}</p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="handover" />
            <FormError errors={handover?.errors} />
            <SelectField
              name="to"
              label={t("end.handover.to")}
              errors={handover?.errors}
              defaultValue={handover?.values.to ?? ""}
              options={[{ value: "", label: t("end.handover.pick") }, ...others.map((other) => ({ value: other.id, label: nameOf(other) }))]}
            />
            <div className="field choices choices-column">
              <label>
              <input type="checkbox" name="endOld" value="yes" defaultChecked={handover?.values.endOld === "yes"} />
              {t("end.handover.endOld", { name: coach.name })}
              </label>
            </div>
            <div className="actions">
              <button type="submit" className="primary">
                {t("end.handover.save")}
              </button>
            </div>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="waakvlam-heading">
        <h2 id="waakvlam-heading">{t("end.waakvlam.title")}</h2>
        <p>{t("end.waakvlam.intro", { name: coach.name })}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="waakvlam" />
          <FormError errors={waakvlam?.errors} />
          {others.length > 0 ? (
            <fieldset className="field">
              <legend>{t("end.waakvlam.keep")}</legend>
              <span className="hint">{t("end.waakvlam.keepHint")}</span>
              <div className="choices choices-column">
                {others.map((other) => (
                  <label key={other.id}>
                    <input type="checkbox" name="keep" value={other.id} defaultChecked={kept.has(other.id)} />
                    {nameOf(other)}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <div className="field choices choices-column">
              <label>
            <input type="checkbox" name="checkinMail" value="yes" defaultChecked={waakvlam?.values.checkinMail === "yes"} />
            {t("end.waakvlam.mail")}
            </label>
          </div>
          <div className="actions">
            <button type="submit" className="primary">
              {t("end.waakvlam.save")}
            </button>
          </div>
        </Form>
      </section>
      <p className="actions">
        <Link to={`/f/${familyId}/team`}>{t("end.back")}</Link>
      </p>
    </div>
  );
}
