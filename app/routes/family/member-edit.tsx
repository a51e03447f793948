import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/member-edit";
import { LIVES_AT_HOME } from "../../../db/values";
import { adminContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { canRemoveMember, getMember, removeMember, updateMember } from "../../plan/members.server";
import { createReloginLink } from "../../plan/relogin.server";
import { invitationView } from "../../sharing/consents.server";
import { formatDate } from "../../lib/dates";
import { memberEditSchema } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { Choices, FormError, TextField } from "../../components/fields";
import { calmWhenStorageFails } from "../../lib/storage.server";

// Changing and removing family members is for admins only; everyone else gets a
// 404 here and sees no buttons on the members page. Removing asks first, on this
// page (not the shared delete page), so "the last admin cannot go" can be said clearly.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = adminContext({ request, context }, params.familyId);
  const found = readSection(ctx, "family", (db, familyId) => {
    const member = getMember(db, familyId, params.memberId);
    if (!member) return null;
    return {
      member: {
        id: member.id,
        name: member.name,
        relation: member.relation,
        livesAtHome: member.livesAtHome,
        role: member.role,
        hasAccount: member.userId !== null,
        isSelf: member.userId === ctx.user.id,
      },
      canRemove: canRemoveMember(db, familyId, member.id) === "ok",
    };
  });
  if (!found) throw notFound();
  return found;
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = adminContext({ request, context }, params.familyId);
  const formData = await request.formData();
  const list = `/f/${ctx.familyId}/members`;

  if (formData.get("intent") === "relogin") {
    const made = writeSection(ctx, "family", (db, familyId, userId) => createReloginLink(db, familyId, userId, params.memberId));
    if ("error" in made) throw notFound();
    // Shown this once: only the link's hash is kept.
    const view = await invitationView(request, made.token, "reset");
    return { intent: "relogin" as const, relogin: { ...view, memberName: made.memberName, expiresAt: made.expiresAt }, errors: undefined, values: undefined };
  }

  if (formData.get("intent") === "remove") {
    const removed = writeSection(ctx, "family", (db, familyId, userId) => {
      const member = getMember(db, familyId, params.memberId);
      const result = removeMember(db, familyId, userId, params.memberId);
      return { ...result, self: member?.userId === userId };
    });
    if ("error" in removed) {
      if (removed.error === "notFound") throw notFound();
      return data({ intent: "remove", errors: { form: "members:errors.lastAdmin" }, values: undefined }, { status: 400 });
    }
    // Someone who took themselves out can no longer see this family.
    return redirect(removed.self ? "/families" : list);
  }

  const parsed = parseForm(formData, memberEditSchema);
  if (!parsed.ok) return data({ intent: "save", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const updated = writeSection(ctx, "family", (db, familyId, userId) => updateMember(db, familyId, userId, params.memberId, parsed.data));
  if ("error" in updated) {
    if (updated.error === "notFound") throw notFound();
    return data({ intent: "save", errors: { role: "members:errors.lastAdmin" }, values: parsed.values }, { status: 400 });
  }
  return redirect(list);
});

function ReloginPanel({ relogin }: { relogin: { link: string; qr: string; memberName: string; expiresAt: number } }) {
  const { t, i18n } = useTranslation("members");
  const name = relogin.memberName;
  return (
    <section className="card" role="status" aria-labelledby="relogin-made">
      <h1 id="relogin-made">{t("relogin.madeTitle", { name })}</h1>
      <p>{t("relogin.madeText", { name })}</p>
      <img src={relogin.qr} alt={t("relogin.qrAlt", { name })} width={200} height={200} className="qr" />
      <div className="field">
        <label htmlFor="relogin-link">{t("created.linkLabel")}</label>
        <input id="relogin-link" type="text" readOnly value={relogin.link} dir="ltr" />
      </div>
      <p>{t("relogin.valid", { date: formatDate(relogin.expiresAt, i18n.language) })}</p>
      <p>
        <strong>{t("created.once")}</strong>
      </p>
      <p className="actions">
        <Link to="." className="button-secondary">
          {t("editPage.back")}
        </Link>
      </p>
    </section>
  );
}

export default function EditMember() {
  const { t } = useTranslation("members");
  const { member, canRemove } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const name = member.name;

  if (result && "relogin" in result) return <ReloginPanel relogin={result.relogin} />;

  if (params.get("remove") || result?.intent === "remove") {
    return (
      <section className="card" aria-labelledby="remove-heading">
        <h1 id="remove-heading">{t("editPage.removeTitle", { name })}</h1>
        {canRemove ? (
          <>
            <p>{t("editPage.removeExplain", { name })}</p>
            <FormError errors={result?.intent === "remove" ? result.errors : undefined} />
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="remove" />
              <button type="submit" className="button-danger">
                {t("editPage.removeConfirm")}
              </button>
              <Link to="." className="button-secondary">
                {t("editPage.cancel")}
              </Link>
            </Form>
          </>
        ) : (
          <>
            <p className="form-error" role="alert">
              {t("editPage.lastAdmin", { name })}
            </p>
            <p className="actions">
              <Link to="." className="button-secondary">
                {t("editPage.cancel")}
              </Link>
            </p>
          </>
        )}
      </section>
    );
  }

  const errors = result?.intent === "save" ? result.errors : undefined;
  const values = result?.intent === "save" ? result.values : undefined;
  return (
    <section className="card">
      <h1>{t("editPage.title", { name })}</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <FormError errors={errors} />
        <TextField name="name" label={t("fields.name")} hint={t("fields.nameHint")} errors={errors} defaultValue={values?.name ?? member.name} required />
        <TextField
          name="relation"
          label={t("fields.relation")}
          hint={t("fields.relationHint")}
          errors={errors}
          defaultValue={values?.relation ?? member.relation}
        />
        <Choices
          name="livesAtHome"
          label={t("fields.livesAtHome")}
          errors={errors}
          defaultValue={values?.livesAtHome ?? member.livesAtHome}
          options={LIVES_AT_HOME.map((value) => ({ value, label: t(`livesAtHomeChoice.${value}`) }))}
        />
        {member.hasAccount ? (
          <Choices
            name="role"
            label={t("fields.role")}
            errors={errors}
            defaultValue={values?.role ?? member.role}
            options={(["member", "admin"] as const).map((role) => ({ value: role, label: t(`roleChoice.${role}`) }))}
          />
        ) : null}
        <div className="actions">
          <button type="submit" className="primary">
            {t("editPage.submit")}
          </button>
          <Link to=".." relative="path" className="button-secondary">
            {t("editPage.back")}
          </Link>
        </div>
      </Form>
      {member.hasAccount && !member.isSelf ? (
        <section aria-labelledby="relogin-title">
          <h2 id="relogin-title">{t("relogin.title", { name })}</h2>
          <p>{t("relogin.intro", { name })}</p>
          <Form method="post" className="actions">
            <button type="submit" name="intent" value="relogin" className="button-secondary">
              {t("relogin.submit")}
            </button>
          </Form>
        </section>
      ) : null}
      <p className="actions">
        <Link to="?remove=1" className="button-secondary">
          {t("editPage.remove", { name })}
        </Link>
      </p>
    </section>
  );
}
