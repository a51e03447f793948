import { Form, Link, data, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/access-edit";
import { adminContext, familyContext, notFound, readSection, type FamilyContext } from "../../plan/context.server";
import { changeConsent, effectiveStatus, getConsent, issueInvitation, revokeConsent } from "../../../consent/grants";
import { grantedParts } from "../../../consent/sections";
import { consentStanding, listConsentVersions, shareInvitation, userName, waitingRequest } from "../../sharing/consents.server";
import { answerRequest } from "../../../consent/requests";
import { RequestAnswer } from "../../components/request-answer";
import { lastDay, formatDate, formatDateTime } from "../../lib/dates";
import { extendedEnd, maxEndDay, parseScopeForm, selectionValues, sharingChoices } from "../../sharing/consent-form.server";
import { ConsentStandingNote } from "../../components/consent-standing";
import { FormError } from "../../components/fields";
import { InvitationLink } from "../../components/invitation-link";
import { ConsentScopeFields } from "../../components/consent-scope-fields";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { handlerFor, intentOf } from "../../lib/intents";
import { PartsList, useFamilyPartLabel } from "../../components/parts-list";
import { authorName } from "../../components/author-name";
import { Notice } from "../../components/notice";

// One consent: what it allows, every version, and (for admins) change it, make a
// new link while it waits, or take access back. Taking back asks "are you sure?"
// on its own page state (?confirm=revoke), so it works without JavaScript.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const consent = getConsent(ctx.db, ctx.familyId, params.consentId);
  if (!consent) throw notFound();
  const isAdmin = ctx.access.role === "admin";
  const status = effectiveStatus(consent);
  const url = new URL(request.url);
  const confirm = url.searchParams.get("confirm") === "revoke";
  if (confirm && !isAdmin) throw notFound();
  const choices = readSection(ctx, "family", sharingChoices);
  return {
    familyId: ctx.familyId,
    isAdmin,
    confirmRevoke: confirm && status !== "revoked",
    from: backTo(url.searchParams.get("from")),
    standing: consentStanding(ctx.db, [consent]).get(consent.id)!,
    request: status === "active" ? waitingRequest(ctx.db, consent.id) : null,
    done: url.searchParams.get("done"),
    maxEndsOn: maxEndDay(),
    choices,
    // The chosen records by their titles as the family wrote them, now.
    titles: Object.fromEntries([...choices.goals, ...choices.strengths, ...choices.whatifs, ...choices.network].map((record) => [record.id, record.title])),
    consent: {
      id: consent.id,
      name: consent.name,
      organisation: consent.organisation,
      role: consent.role,
      purpose: consent.purpose,
      email: isAdmin ? consent.email : "",
      parts: grantedParts(consent.scopes, consent.selection),
      values: selectionValues(consent.scopes, consent.selection),
      version: consent.version,
      lastDay: lastDay(consent.endsAt),
      status,
      createdAt: consent.createdAt,
      claimedAt: consent.claimedAt,
      professional: userName(ctx.db, consent.professionalUserId),
    },
    versions: listConsentVersions(ctx.db, consent.id).map(({ scopes, selection, ...version }) => ({
      ...version,
      parts: grantedParts(scopes, selection),
      lastDay: lastDay(version.endsAt),
    })),
  };
}

type Consent = NonNullable<ReturnType<typeof getConsent>>;
type Posted = { ctx: FamilyContext; consent: Consent; formData: FormData; request: Request; here: string };

// Where a tap on the list or the plan comes back to; anything else stays on this page.
const BACK = new Map([
  ["list", (familyId: string) => `/f/${familyId}/access`],
  ["plan", (familyId: string) => `/f/${familyId}`],
]);

function backTo(from: unknown): "list" | "plan" | "detail" {
  return from === "list" || from === "plan" ? from : "detail";
}

function doneAt({ ctx, consent, formData, here }: Posted, done: string) {
  const back = BACK.get(backTo(formData.get("from")));
  return redirect(back ? `${back(ctx.familyId)}?done=${done}&consent=${consent.id}` : `${here}?done=${done}`);
}

/** "Toegang stoppen": works from the professional's very next request. */
function revoke(posted: Posted) {
  revokeConsent(posted.ctx.db, posted.ctx.familyId, posted.ctx.user.id, posted.consent.id);
  return doneAt(posted, "revoked");
}

/** "Verlengen" in one tap: the same parts and records, a later end; a new version. */
function extend(posted: Posted) {
  const { ctx, consent } = posted;
  const version = changeConsent(ctx.db, ctx.familyId, ctx.user.id, consent.id, { scopes: consent.scopes, selection: consent.selection, endsAt: extendedEnd() });
  if (version === null) return data({ intent: "extend", errors: { form: "access:errors.revoked" }, values: {} }, { status: 400 });
  return doneAt(posted, "extended");
}

/** Other parts or another end date: a new version. */
function change({ ctx, consent, formData, here }: Posted) {
  const parsed = parseScopeForm(formData, readSection(ctx, "family", sharingChoices), consent);
  if (!parsed.ok) return data({ intent: "change", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const version = changeConsent(ctx.db, ctx.familyId, ctx.user.id, consent.id, parsed.data);
  if (version === null) return data({ intent: "change", errors: { form: "access:errors.revoked" }, values: parsed.values }, { status: 400 });
  return redirect(`${here}?done=changed`);
}

/** A new link for a consent that still waits: the old one stops working. */
async function newLink({ ctx, consent, request }: Posted) {
  if (effectiveStatus(consent) !== "pending") {
    return data({ intent: "new-link", errors: { form: "access:errors.notPending" }, values: {} }, { status: 400 });
  }
  const invitation = await shareInvitation(ctx, request, issueInvitation(ctx.db, consent.id), consent);
  return { intent: "new-link", invitation };
}

/** "Ja, geef wat gevraagd is": the ask as it is, never past the engine's limit. */
function approve(posted: Posted) {
  const { ctx, consent } = posted;
  const version = answerRequest(ctx.db, ctx.familyId, ctx.user.id, consent.id, { kind: "as-asked" });
  if (version === null) return data({ intent: "approve", errors: { form: "access:errors.noRequest" }, values: {} }, { status: 400 });
  return doneAt(posted, "approved");
}

/** "Geef minder": the consent form, filled in with the ask, as the family changed it. */
function approveLess(posted: Posted) {
  const { ctx, consent, formData } = posted;
  const parsed = parseScopeForm(formData, readSection(ctx, "family", sharingChoices));
  if (!parsed.ok) return data({ intent: "approve-less", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const version = answerRequest(ctx.db, ctx.familyId, ctx.user.id, consent.id, { kind: "approval", ...parsed.data });
  if (version === null) return data({ intent: "approve-less", errors: { form: "access:errors.noRequest" }, values: parsed.values }, { status: 400 });
  return doneAt(posted, "approved");
}

/** "Nee": recorded as a version; what held stays as it was. */
function decline(posted: Posted) {
  const { ctx, consent } = posted;
  if (answerRequest(ctx.db, ctx.familyId, ctx.user.id, consent.id, { kind: "refusal" }) === null) {
    return data({ intent: "decline", errors: { form: "access:errors.noRequest" }, values: {} }, { status: 400 });
  }
  return doneAt(posted, "declined");
}

const INTENTS = { revoke, extend, change, "new-link": newLink, approve, "approve-less": approveLess, decline };

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = adminContext({ request, context }, params.familyId);
  const consent = getConsent(ctx.db, ctx.familyId, params.consentId);
  if (!consent) throw notFound();
  const formData = await request.formData();
  const intent = intentOf(formData);
  const handler = handlerFor(INTENTS, intent);
  if (!handler) return data({ intent, errors: { form: "errors.invalid" }, values: {} }, { status: 400 });
  return handler({ ctx, consent, formData, request, here: `/f/${ctx.familyId}/access/${consent.id}` });
});

export default function AccessDetail() {
  const { t, i18n } = useTranslation("access");
  const partLabel = useFamilyPartLabel();
  const titleOf = (id: string) => titles[id] ?? t("only.removed");
  const { familyId, isAdmin, confirmRevoke, from, standing, request, done, maxEndsOn, choices, titles, consent, versions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const here = `/f/${familyId}/access/${consent.id}`;
  const open = consent.status !== "revoked";
  // Only waiting or active access holds now; stopped or ended access shows what it held.
  const current = consent.status === "active" || consent.status === "pending";
  const invitation = result && "invitation" in result ? result.invitation : null;
  const errors = result && "errors" in result ? result.errors : undefined;

  if (confirmRevoke) {
    return (
      <section className="card" aria-labelledby="confirm-heading">
        <h1 id="confirm-heading">{t("revoke.title")}</h1>
        <p className="own-words" dir="auto">{consent.name}</p>
        <p>{t("revoke.explain", { name: consent.name })}</p>
        <Form method="post" action={here} className="actions">
          <input type="hidden" name="from" value={from} />
          <button type="submit" name="intent" value="revoke" className="button-danger">
            {t("revoke.confirm")}
          </button>
          <Link to={from === "list" ? `/f/${familyId}/access` : here} className="button-secondary">
            {t("revoke.cancel")}
          </Link>
        </Form>
      </section>
    );
  }

  const answering = result && "errors" in result && ["approve", "approve-less", "decline"].includes(result.intent) ? result : null;
  return (
    <div className="stack">
      {request && isAdmin ? (
        <RequestAnswer
          ask={{ who: request.by?.name ?? consent.name, at: request.at, note: request.note, parts: request.parts, lastDay: request.lastDay, values: request.values, now: consent.parts }}
          action={here}
          choices={choices}
          maxEndsOn={maxEndsOn}
          errors={answering?.errors}
          values={answering?.intent === "approve-less" ? (answering.values as Record<string, string>) : undefined}
        />
      ) : null}
      <section className="card">
        <p className="meta">
          <Link to={`/f/${familyId}/access`}>
            <span aria-hidden="true" className="back-arrow">
              ←
            </span>{" "}
            {t("detail.back")}
          </Link>
        </p>
        <h1>
          {consent.name} <span className="tag">{t(`status.${consent.status}`)}</span>
        </h1>
        {done === "revoked" ? (
          <Notice>
            {t("detail.revokedNow", { name: consent.name })}
          </Notice>
        ) : null}
        {done === "extended" ? (
          <Notice>
            {t("standing.extendedNow", { name: consent.name })}
          </Notice>
        ) : null}
        {done === "approved" || done === "declined" ? (
          <Notice>
            {t(`request.done.${done}`, { name: consent.name })}
          </Notice>
        ) : null}
        {request && !isAdmin ? <p className="warning">{t("request.onlyAdmins", { name: consent.name })}</p> : null}
        {done === "changed" ? (
          <Notice>
            {t("detail.changedNow")}
          </Notice>
        ) : null}
        {consent.role || consent.organisation ? <p className="meta">{[consent.role, consent.organisation].filter(Boolean).join(" · ")}</p> : null}
        <p>
          {t("purposeLabel")} <span className="pre" dir="auto">{consent.purpose}</span>
        </p>
        {current ? null : <p className="meta">{t("standing.mayHaveSeen")}</p>}
        <PartsList parts={consent.parts} label={partLabel} titleOf={titleOf} />
        <ConsentStandingNote familyId={familyId} consent={consent} standing={standing} isAdmin={isAdmin} from="detail" />
        {current ? <p className="meta">{t(`statusExplain.${consent.status}`, { name: consent.name })}</p> : null}
        {consent.professional ? (
          <p className="meta">
            {t("detail.account", {
              name: consent.professional.name,
              organisation: consent.professional.organisation || "—",
              date: consent.claimedAt ? formatDate(consent.claimedAt, i18n.language) : "",
            })}
          </p>
        ) : null}
        {isAdmin && consent.email ? <p className="meta">{t("detail.email", { email: consent.email })}</p> : null}
        <p>
          <Link to={`/f/${familyId}/looks?person=${consent.id}`}>{t("detail.looks", { name: consent.name })}</Link>
        </p>
        {isAdmin && open ? (
          <p className="actions">
            <Link to={`${here}?confirm=revoke`} className="button-danger">
              {t("revoke.button")}
            </Link>
          </p>
        ) : null}
      </section>

      {invitation ? <InvitationLink invitation={invitation} /> : null}

      {isAdmin && consent.status === "pending" && !invitation ? (
        <section className="card" aria-labelledby="new-link-heading">
          <h2 id="new-link-heading">{t("newLink.title")}</h2>
          <p>{t("newLink.explain")}</p>
          {result?.intent === "new-link" ? <FormError errors={errors} /> : null}
          <Form method="post">
            <button type="submit" name="intent" value="new-link" className="button-secondary">
              {t("newLink.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {/* While a request waits, its answer screen is the one form that changes this consent. */}
      {isAdmin && open && !request ? (
        <section className="card" aria-labelledby="change-heading">
          <h2 id="change-heading">{t("change.title")}</h2>
          <p>{t("change.explain")}</p>
          <Form method="post" noValidate key={consent.version}>
            <input type="hidden" name="intent" value="change" />
            {result?.intent === "change" ? <FormError errors={errors} /> : null}
            <ConsentScopeFields
              errors={result?.intent === "change" ? errors : undefined}
              values={result?.intent === "change" && "values" in result ? result.values : { ...consent.values, endsOn: consent.lastDay }}
              maxEndsOn={maxEndsOn}
              choices={choices}
            />
            <div className="actions">
              <button type="submit" className="primary">
                {t("change.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t("versions.title")}</h2>
        <p>{t("versions.explain")}</p>
        <ol className="list">
          {versions.map((version) => (
            <li key={version.version} id={`version-${version.version}`}>
              <p className="item-title">
                {t("versions.version", { version: version.version })}{" "}
                {current && version.version === consent.version ? <span className="tag">{t("versions.current")}</span> : null}
              </p>
              <p className="meta">
                {t(versionLabel(version), {
                  name: authorName(t, { name: version.changedByName, former: version.changedByFormer }, ["versions.changedBy", "versions.madeBy"].includes(versionLabel(version)) ? "start" : "inside"),
                  date: formatDateTime(version.changedAt, i18n.language),
                })}
              </p>
              {version.note ? <p className="pre" dir="auto">{version.note}</p> : null}
              <PartsList parts={version.parts} label={partLabel} titleOf={titleOf} />
              <p>{t("until", { date: formatDate(version.lastDay, i18n.language) })}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** Who made a version and how: made, changed, asked for (not in force), or the family's answer. */
function versionLabel(version: { version: number; kind: string }) {
  if (version.kind === "request") return "versions.askedBy";
  if (version.kind === "approval") return "versions.approvedBy";
  if (version.kind === "refusal") return "versions.declinedBy";
  return version.version === 1 ? "versions.madeBy" : "versions.changedBy";
}
