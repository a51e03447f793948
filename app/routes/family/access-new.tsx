import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/access-new";
import { adminContext, readSection } from "../../plan/context.server";
import { createConsent } from "../../../consent/grants";
import { defaultEndDay, maxEndDay, parseInviteForm, sharingChoices } from "../../sharing/consent-form.server";
import { shareInvitation } from "../../sharing/consents.server";
import { FormError, TextArea, TextField } from "../../components/fields";
import { InvitationLink } from "../../components/invitation-link";
import { ConsentScopeFields } from "../../components/consent-scope-fields";
import { calmWhenStorageFails } from "../../lib/storage.server";

// "Iemand uitnodigen": the family says who, why, which parts and until when. The
// answer page shows the one-time link. Only this response ever holds the token:
// a redirect would lose it, and it is never stored or loaded again.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = adminContext({ request, context }, params.familyId);
  const choices = readSection(ctx, "family", sharingChoices);
  return { familyId: ctx.familyId, endsOn: defaultEndDay(), maxEndsOn: maxEndDay(), choices };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = adminContext({ request, context }, params.familyId);
  const choices = readSection(ctx, "family", sharingChoices);
  const parsed = parseInviteForm(await request.formData(), choices);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });

  const input = parsed.data;
  const { id, token } = createConsent(ctx.db, ctx.familyId, ctx.user.id, input);
  return { consentId: id, invitation: await shareInvitation(ctx, request, token, input) };
});

export default function NewAccess() {
  const { t } = useTranslation("access");
  const { familyId, endsOn, maxEndsOn, choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();

  if (result && "invitation" in result) {
    return (
      <div className="stack">
        <InvitationLink invitation={result.invitation} />
        <p className="actions">
          <Link to={`/f/${familyId}/access/${result.consentId}`} className="button-secondary">
            {t("link.toConsent", { name: result.invitation.name })}
          </Link>
          <Link to={`/f/${familyId}/access`}>{t("link.back")}</Link>
        </p>
      </div>
    );
  }

  const errors = result?.errors;
  const values: Record<string, string> = result?.values ?? { endsOn };
  return (
    <section className="card">
      <h1>{t("new.title")}</h1>
      <p>{t("new.intro")}</p>
      <Form method="post" noValidate>
        <FormError errors={errors} />
        <TextField name="name" label={t("form.name")} hint={t("form.nameHint")} defaultValue={values.name} errors={errors} required />
        <TextField
          name="organisation"
          label={t("form.organisation")}
          hint={t("form.organisationHint")}
          defaultValue={values.organisation}
          errors={errors}
        />
        <TextField name="role" label={t("form.role")} hint={t("form.roleHint")} defaultValue={values.role} errors={errors} />
        <TextArea name="purpose" label={t("form.purpose")} hint={t("form.purposeHint")} defaultValue={values.purpose} errors={errors} required />
        <ConsentScopeFields errors={errors} values={values} maxEndsOn={maxEndsOn} choices={choices} />
        <TextField
          type="email"
          name="email"
          label={t("form.email")}
          hint={t("form.emailHint")}
          defaultValue={values.email}
          errors={errors}
          autoComplete="off"
          inputMode="email"
        />
        <div className="actions">
          <button type="submit" className="primary">
            {t("new.submit")}
          </button>
          <Link to={`/f/${familyId}/access`} className="button-secondary">
            {t("new.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
