import { z } from "zod";
import { Form, Link, data, redirect, useActionData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/member-new";
import { LIVES_AT_HOME } from "../../../db/values";
import { adminContext, writeSection, notFound } from "../../plan/context.server";
import { addMember } from "../../plan/members.server";
import { memberSchema } from "../../plan/schemas";
import { createJoinLink } from "../../plan/join-links.server";
import { choice, parseForm } from "../../lib/forms";
import { FormError, Choices, TextField } from "../../components/fields";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { JoinLinkPanel } from "../../components/join-link-panel";

const INVITE_CHOICES = ["no", "member", "admin"] as const;

const newMemberSchema = memberSchema.extend({
  invite: z
    .string()
    .optional()
    .transform((value) => value || "no")
    .pipe(choice(INVITE_CHOICES)),
});

export function loader({ request, params, context }: Route.LoaderArgs) {
  adminContext({ request, context }, params.familyId);
  return null;
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = adminContext({ request, context }, params.familyId);
  const parsed = parseForm(await request.formData(), newMemberSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, invited: null }, { status: 400 });
  const { invite, ...member } = parsed.data;

  if (invite === "no") {
    writeSection(ctx, "family", (db, familyId, userId) => addMember(db, familyId, userId, member));
    return redirect(`/f/${ctx.familyId}/members`);
  }
  const created = writeSection(ctx, "family", (db, familyId, userId) =>
    createJoinLink(db, familyId, userId, { newMember: member }, invite),
  );
  if ("error" in created) throw notFound();
  const link = `${new URL(request.url).origin}/join/${created.token}`;
  return data({ errors: undefined, values: undefined, invited: { memberName: created.memberName, link, expiresAt: created.expiresAt } });
});

export default function NewMember() {
  const { t } = useTranslation("members");
  const result = useActionData<typeof action>();

  const invited = result && "invited" in result ? result.invited : null;
  if (invited) {
    return (
      <JoinLinkPanel invited={invited} heading="h1">
        <p className="actions">
          <Link to=".." relative="path" className="button">
            {t("created.back")}
          </Link>
        </p>
      </JoinLinkPanel>
    );
  }

  return (
    <section className="card">
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <Form method="post" noValidate>
        <FormError errors={result?.errors} />
        <TextField name="name" label={t("fields.name")} hint={t("fields.nameHint")} errors={result?.errors} defaultValue={result?.values?.name} required />
        <TextField
          name="relation"
          label={t("fields.relation")}
          hint={t("fields.relationHint")}
          errors={result?.errors}
          defaultValue={result?.values?.relation}
        />
        <Choices
          name="livesAtHome"
          label={t("fields.livesAtHome")}
          errors={result?.errors}
          defaultValue={result?.values?.livesAtHome ?? "yes"}
          options={LIVES_AT_HOME.map((value) => ({ value, label: t(`livesAtHomeChoice.${value}`) }))}
        />
        <Choices
          name="invite"
          label={t("new.invite")}
          errors={result?.errors}
          defaultValue={result?.values?.invite ?? "no"}
          options={[
            { value: "no", label: t("new.inviteNo") },
            { value: "member", label: t("new.inviteMember") },
            { value: "admin", label: t("new.inviteAdmin") },
          ]}
        />
        <div className="actions">
          <button type="submit" className="primary">
            {t("new.submit")}
          </button>
          <Link to=".." relative="path" className="button-secondary">
            {t("editPage.back")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
