import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/members";
import { adminContext, familyContext, readSection, writeSection, notFound, type FamilyContext } from "../../plan/context.server";
import { listMembers } from "../../plan/families.server";
import { createJoinLink, joinLinkSchema, listOpenJoinLinks, revokeJoinLink } from "../../plan/join-links.server";
import { parseForm } from "../../lib/forms";
import { formatDate } from "../../lib/dates";
import { FormError } from "../../components/fields";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { handlerFor, intentOf } from "../../lib/intents";
import { JoinLinkPanel } from "../../components/join-link-panel";
import { authorName } from "../../components/author-name";
import { Notice } from "../../components/notice";

// The everyday choice first.
const INVITE_ROLES = ["member", "admin"] as const;

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const isAdmin = ctx.access.role === "admin";
  return readSection(ctx, "family", (db, familyId) => ({
    familyId,
    members: listMembers(db, familyId),
    // Only admins can invite, so only they see which links are still open.
    invitations: isAdmin ? listOpenJoinLinks(db, familyId) : [],
    isAdmin,
    myMemberId: ctx.access.memberId,
  }));
}

type Posted = { ctx: FamilyContext; formData: FormData; request: Request };

/** A join link for a member without an account: shown once, never stored. */
function invite({ ctx, formData, request }: Posted) {
  const parsed = parseForm(formData, joinLinkSchema);
  if (!parsed.ok) return data({ intent: "invite", errors: parsed.errors, values: parsed.values, invited: null }, { status: 400 });
  const created = writeSection(ctx, "family", (db, familyId, userId) => createJoinLink(db, familyId, userId, { memberId: parsed.data.memberId }, parsed.data.role));
  if ("error" in created) {
    if (created.error === "hasAccount") {
      return data({ intent: "invite", errors: { form: "members:errors.hasAccount" }, values: parsed.values, invited: null }, { status: 400 });
    }
    throw notFound();
  }
  const link = `${new URL(request.url).origin}/join/${created.token}`;
  return data({ intent: "invite", errors: undefined, values: undefined, invited: { memberName: created.memberName, link, expiresAt: created.expiresAt } });
}

/** Withdraws a join link that was not used yet. */
function revoke({ ctx, formData }: Posted) {
  const invitationId = String(formData.get("invitationId") ?? "");
  const ok = writeSection(ctx, "family", (db, familyId, userId) => revokeJoinLink(db, familyId, userId, invitationId));
  if (!ok) throw notFound();
  return redirect(`/f/${ctx.familyId}/members?revoked=1`);
}

const INTENTS = { invite, revoke };

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  // Inviting and withdrawing links is for admins; anyone else gets the same 404.
  const ctx = adminContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const handler = handlerFor(INTENTS, intentOf(formData));
  if (!handler) return data({ intent: null, errors: { form: "errors.invalid" }, values: undefined, invited: null }, { status: 400 });
  return handler({ ctx, formData, request });
});

export default function Members() {
  const { t, i18n } = useTranslation("members");
  const { familyId, members, invitations, isAdmin, myMemberId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failedInviteFor = result?.intent === "invite" && result.errors ? result.values?.memberId : undefined;
  const inviteErrors: Record<string, string> | undefined = failedInviteFor ? result?.errors : undefined;
  return (
    <div className="stack">
      {result && "invited" in result && result.invited ? <JoinLinkPanel invited={result.invited} /> : null}

      <section className="card" aria-labelledby="members-heading">
        <h1 id="members-heading">{t("title")}</h1>
        <p>{t("intro")}</p>
        {params.get("revoked") ? (
          <Notice>
            {t("open.revoked")}
          </Notice>
        ) : null}
        <ul className="list">
          {members.map((member) => (
            <li key={member.id}>
              <p className="item-title">
                {member.name}
                {member.id === myMemberId ? (
                  <>
                    {" "}
                    <span className="tag">{t("you")}</span>
                  </>
                ) : null}
              </p>
              <p className="meta">
                {member.relation ? (
                  <>
                    <span className="pre" dir="auto">{member.relation}</span>
                    {" · "}
                  </>
                ) : null}
                {t(`livesAtHome.${member.livesAtHome}`)} · {member.hasAccount ? t("account.yes") : t("account.no")}
                {member.hasAccount && member.role === "admin" ? (
                  <>
                    {" "}
                    <span className="tag">{t("role.admin")}</span>
                  </>
                ) : null}
              </p>
              {isAdmin ? (
                <div className="actions">
                  <Link to={member.id} className="button-secondary" aria-label={t("editLabel", { name: member.name })}>
                    {t("edit")}
                  </Link>
                </div>
              ) : null}
              {isAdmin && !member.hasAccount ? (
                <details open={failedInviteFor === member.id}>
                  <summary className="button-link">{t("invite.title")}</summary>
                  <Form method="post" noValidate>
                    <input type="hidden" name="intent" value="invite" />
                    <input type="hidden" name="memberId" value={member.id} />
                    <p>{t("invite.intro", { name: member.name })}</p>
                    {failedInviteFor === member.id ? <FormError errors={inviteErrors} /> : null}
                    {/* Written out here (not <Choices>) so each member's form has no repeated ids. */}
                    <fieldset className="field">
                      <legend>{t("invite.role", { name: member.name })}</legend>
                      {failedInviteFor === member.id && inviteErrors?.role ? (
                        <p className="field-error">{t(inviteErrors.role, { ns: "common" })}</p>
                      ) : null}
                      <div className="choices">
                        {INVITE_ROLES.map((role) => (
                          <label key={role}>
                            <input
                              type="radio"
                              name="role"
                              value={role}
                              defaultChecked={role === (failedInviteFor === member.id ? result?.values?.role ?? "member" : "member")}
                            />
                            {t(`roleChoice.${role}`)}
                          </label>
                        ))}
                      </div>
                    </fieldset>
                    <div className="actions">
                      <button type="submit" className="primary" aria-label={t("invite.submitLabel", { name: member.name })}>
                        {t("invite.submit")}
                      </button>
                    </div>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
        {isAdmin ? (
          <>
            <p className="meta">{t("adminExplain")}</p>
            <p className="actions">
              <Link to="new" className="button">
                {t("add")}
              </Link>
            </p>
          </>
        ) : (
          <p className="meta">{t("onlyAdmins")}</p>
        )}
      </section>

      {isAdmin && invitations.length > 0 ? (
        <section className="card" aria-labelledby="open-heading">
          <h2 id="open-heading">{t("open.title")}</h2>
          <p className="meta">{t("created.once")}</p>
          <ul className="list">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <p className="item-title">{t("open.item", { name: invitation.memberName })}</p>
                <p className="meta">
                  {t(`roleChoice.${invitation.role}`)} · {t("open.until", { date: formatDate(invitation.expiresAt, i18n.language) })} ·{" "}
                  {t("open.by", { name: authorName(t, { name: invitation.createdByName, former: invitation.createdByFormer }, "inside") })}
                </p>
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" className="button-secondary" aria-label={t("open.revokeLabel", { name: invitation.memberName })}>
                    {t("open.revoke")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p className="actions">
        <Link to={`/f/${familyId}/history`}>{t("history")}</Link>
        <Link to={`/f/${familyId}/export`}>{t("export")}</Link>
        {isAdmin ? <Link to={`/f/${familyId}/delete-family`}>{t("deleteFamily")}</Link> : null}
      </p>
    </div>
  );
}
