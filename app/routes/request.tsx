import { Form, Link, data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/request";
import { getDb } from "../../db/client.server";
import { requireUser } from "../auth/user.server";
import { answerAccessRequest, inspectAccessRequest, type Answer } from "../../consent/requests";
import { latestEnd } from "../../consent/grants";
import { grantedParts } from "../../consent/sections";
import { adminContext, readSection } from "../plan/context.server";
import { listFamiliesOfUser } from "../plan/families.server";
import { maxEndDay, parseScopeForm, selectionValues, sharingChoices } from "../sharing/consent-form.server";
import { lastDay } from "../lib/dates";
import { calmWhenStorageFails } from "../lib/storage.server";
import { RequestAnswer } from "../components/request-answer";
import { ClosedLink } from "../components/closed-link";

// A professional's request link, opened by the family: who asks what, why and
// until when, and the family's answer on the same screen. Only an admin of a
// family answers, for one of their own families; nothing about any family is
// shown before that.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const user = requireUser({ request, context });
  const db = getDb();
  const found = inspectAccessRequest(db, params.token);
  // Unknown, used or old: the same page, and nothing about who asked.
  if (found.state !== "open") return data({ state: "closed" as const }, { status: found.state === "unknown" ? 404 : 410 });
  const families = listFamiliesOfUser(db, user.id).filter((family) => family.role === "admin");
  if (families.length === 0) return { state: "no-family" as const };
  const chosen = families.length === 1 ? families[0] : families.find((family) => family.id === new URL(request.url).searchParams.get("family"));
  const { request: ask, professional } = found;
  return {
    state: "open" as const,
    families: families.map(({ id, name }) => ({ id, name })),
    familyId: chosen?.id ?? null,
    choices: chosen ? readSection(adminContext({ request, context }, chosen.id), "family", sharingChoices) : null,
    maxEndsOn: maxEndDay(),
    ask: {
      who: professional.organisation ? `${professional.name} (${professional.organisation})` : professional.name,
      role: ask.role,
      at: ask.createdAt,
      note: ask.purpose,
      parts: grantedParts(ask.scopes),
      lastDay: lastDay(ask.endsAt),
      values: { ...selectionValues(ask.scopes, {}), endsOn: lastDay(Math.min(ask.endsAt, latestEnd())) },
    },
  };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const formData = await request.formData();
  const familyId = String(formData.get("familyId") ?? "");
  // Answering is an admin's act in that family: anyone else gets a 404.
  const ctx = adminContext({ request, context }, familyId);
  const found = inspectAccessRequest(ctx.db, params.token);
  if (found.state !== "open") return data({ errors: { form: "access:errors.noRequest" }, values: {} }, { status: 400 });
  const intent = formData.get("intent");
  let answer: Answer;
  if (intent === "decline") answer = { kind: "refusal" };
  else if (intent === "approve") answer = { kind: "as-asked" };
  else if (intent === "approve-less") {
    const parsed = parseScopeForm(formData, readSection(ctx, "family", sharingChoices));
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    answer = { kind: "approval", ...parsed.data };
  } else return data({ errors: { form: "errors.invalid" }, values: {} }, { status: 400 });
  const answered = answerAccessRequest(ctx.db, params.token, ctx.familyId, ctx.user.id, answer);
  if (answered === null) return data({ errors: { form: "access:errors.noRequest" }, values: {} }, { status: 400 });
  if (answered === "declined") return redirect(`/f/${ctx.familyId}/access?done=declined-request`);
  return redirect(`/f/${ctx.familyId}/access/${answered.consentId}?done=approved`);
});

export default function AnswerRequest() {
  const { t } = useTranslation("access");
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (view.state === "closed") {
    return (
      <ClosedLink title={t("requestLink.closedTitle")} text={t("requestLink.closedText")}>
        <Link to="/families">{t("requestLink.toFamilies")}</Link>
      </ClosedLink>
    );
  }
  if (view.state === "no-family") {
    return (
      <section className="card">
        <h1>{t("requestLink.noFamilyTitle")}</h1>
        <p>{t("requestLink.noFamily")}</p>
      </section>
    );
  }
  if (!view.familyId || !view.choices) {
    return (
      <section className="card">
        <h1>{t("requestLink.chooseTitle", { name: view.ask.who })}</h1>
        <p>{t("requestLink.choose")}</p>
        <Form method="get">
          <fieldset className="field">
            <legend>{t("requestLink.family")}</legend>
            <div className="choices choices-column">
              {view.families.map((family) => (
                <label key={family.id}>
                  <input type="radio" name="family" value={family.id} required /> <span className="own-words" dir="auto">{family.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="primary">
            {t("requestLink.next")}
          </button>
        </Form>
      </section>
    );
  }
  const errors = result && "errors" in result ? result.errors : undefined;
  const values = result && "values" in result && Object.keys(result.values).length > 0 ? (result.values as Record<string, string>) : undefined;
  return (
    <div className="stack">
      {view.ask.role ? <p className="meta">{t("requestLink.role", { role: view.ask.role })}</p> : null}
      <RequestAnswer ask={view.ask} action="" choices={view.choices} maxEndsOn={view.maxEndsOn} errors={errors} values={values} hidden={{ familyId: view.familyId }} />
      <p>
        <Link to={`/f/${view.familyId}/access`}>{t("requestLink.back")}</Link>
      </p>
    </div>
  );
}
