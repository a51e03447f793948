import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/overview";
import { grantedParts, SECTIONS } from "../../../consent/sections";
import { PartsList } from "../../components/parts-list";
import { useCarePartLabel } from "./part-label";
import { notFound, professionalContext } from "../../plan/context.server";
import { activeConsentsOrNotFound, CARE_PATHS, careFrame } from "../../plan/care.server";
import { formatDate, lastDay } from "../../lib/dates";
import { lastAnswer, openRequest, askForMore } from "../../../consent/requests";
import { maxEndDay, parseAskForm } from "../../sharing/consent-form.server";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { AskFields, careErrors } from "./ask-fields";
import { FormError } from "../../components/fields";
import { Notice } from "../../components/notice";

// What the family shared with this professional, in the family's own words, and
// until when. Only the permission itself: no plan data, so no log entry.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = professionalContext({ request, context }, params.familyId);
  const active = activeConsentsOrNotFound(ctx);
  return {
    frame: careFrame(ctx, active),
    familyId: ctx.familyId,
    familyName: active[0].familyName,
    consents: active.map((c) => ({
      id: c.id,
      role: c.role,
      purpose: c.purpose,
      lastDay: lastDay(c.endsAt),
      parts: grantedParts(c.scopes, c.selection).map((part) => ({ ...part, path: CARE_PATHS[part.section] })),
      scopes: c.scopes,
      asked: askedOf(ctx.db, c.id),
    })),
    maxEndsOn: maxEndDay(),
  };
}

/** This professional's own ask on a consent and the family's newest answer, as they may see them. */
function askedOf(db: Parameters<typeof openRequest>[0], consentId: string) {
  const waiting = openRequest(db, consentId);
  const answer = lastAnswer(db, consentId);
  return {
    waiting: waiting ? { at: waiting.changedAt, parts: grantedParts(waiting.scopes), lastDay: lastDay(waiting.endsAt), note: waiting.note } : null,
    answer: answer ? { kind: answer.kind as "approval" | "refusal", at: answer.changedAt } : null,
  };
}

/** "Vraag om meer": a new version of the kind "request", which the family answers. */
export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = professionalContext({ request, context }, params.familyId);
  const active = activeConsentsOrNotFound(ctx);
  const formData = await request.formData();
  // With one consent (the usual case) the form need not name it; a named one must be theirs.
  const named = formData.get("consentId");
  const consent = named === null ? active[0] : active.find((c) => c.id === named);
  if (!consent) throw notFound();
  const parsed = parseAskForm(formData);
  if (!parsed.ok) return data({ consentId: consent.id, errors: careErrors(parsed.errors), values: parsed.values }, { status: 400 });
  const asked = askForMore(ctx.db, ctx.user.id, consent.id, parsed.data);
  if (asked === "waiting") return data({ consentId: consent.id, errors: { form: "care:ask.stillWaiting" }, values: parsed.values }, { status: 400 });
  if (asked === null) throw notFound();
  return redirect(`/care/${ctx.familyId}?asked=1`);
});

export default function CareOverview() {
  const { t, i18n } = useTranslation("care");
  const { familyId, familyName, consents, maxEndsOn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const partLabel = useCarePartLabel();
  return (
    <div className="stack">
      <h1>{t("overview.title", { family: familyName })}</h1>
      {result && !("consentId" in result) ? <FormError errors={result.errors} /> : null}
      {consents.map((consent) => {
        const mine = result && "consentId" in result && result.consentId === consent.id ? result : null;
        return (
        <section key={consent.id} className="card" aria-labelledby={`consent-${consent.id}`}>
          <h2 id={`consent-${consent.id}`}>{t("overview.shared")}</h2>
          {consent.role ? <p className="pre" dir="auto">{t("overview.role", { role: consent.role })}</p> : null}
          <p className="meta">{t("overview.purpose")}</p>
          <p className="pre" dir="auto">{consent.purpose}</p>
          <ul className="list">
            {consent.parts.map((part) => (
              <li key={part.section}>
                <Link to={`/care/${familyId}/${part.path}`} className="item-title">
                  {t(`parts.${part.section}`)}
                </Link>
                <p className="meta">{t(`levelExplain.${part.level}`)}</p>
                {part.chosen ? <p className="meta">{t("overview.only", { what: t(`only.${part.section}`, { count: part.chosen.length }) })}</p> : null}
                {part.withoutGoal !== null ? <p className="meta">{t("overview.only", { what: t(part.withoutGoal ? "only.notesAndLoose" : "only.notes") })}</p> : null}
              </li>
            ))}
          </ul>
          <p>
            <strong>{t("until", { date: formatDate(consent.lastDay, i18n.language) })}</strong>
          </p>
          <p>{t("overview.after")}</p>
          {params.get("asked") ? (
            <Notice>
              {t("ask.sent")}
            </Notice>
          ) : null}
          {consent.asked.answer && !consent.asked.waiting ? (
            <p className="meta">{t(`ask.answer.${consent.asked.answer.kind}`, { date: formatDate(consent.asked.answer.at, i18n.language) })}</p>
          ) : null}
          {consent.asked.waiting ? (
            <div className="warning">
              <p>{t("ask.waiting", { date: formatDate(consent.asked.waiting.at, i18n.language) })}</p>
              <PartsList parts={consent.asked.waiting.parts} label={partLabel} />
              <p>{t("until", { date: formatDate(consent.asked.waiting.lastDay, i18n.language) })}</p>
              <p className="pre" dir="auto">{consent.asked.waiting.note}</p>
            </div>
          ) : (
            <details className="ask" open={mine !== null}>
              <summary>{t("ask.open")}</summary>
              <p>{t("ask.intro")}</p>
              <Form method="post" noValidate>
                <input type="hidden" name="consentId" value={consent.id} />
                <AskFields
                  errors={mine?.errors}
                  values={mine?.values ?? { ...levelsOf(consent.scopes), endsOn: consent.lastDay }}
                  maxEndsOn={maxEndsOn}
                />
                <div className="actions">
                  <button type="submit" className="primary">
                    {t("ask.submit")}
                  </button>
                </div>
              </Form>
            </details>
          )}
        </section>
        );
      })}
      <section className="card" aria-labelledby="overview-tokens">
        <h2 id="overview-tokens">{t("overview.tokensTitle")}</h2>
        <p>{t("overview.tokensText")}</p>
        <p className="actions">
          <Link to={`/care/${familyId}/tokens`} className="button-secondary">
            {t("overview.tokensLink")}
          </Link>
        </p>
      </section>
    </div>
  );
}

function levelsOf(scopes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(SECTIONS.map((section) => [section, scopes[section] ?? "none"]));
}
