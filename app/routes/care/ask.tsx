import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/ask";
import { getDb } from "../../../db/client.server";
import { requireUser } from "../../auth/user.server";
import { createAccessRequest } from "../../../consent/requests";
import { INVITATION_DAYS } from "../../../consent/grants";
import { defaultEndDay, maxEndDay, parseAskForm } from "../../sharing/consent-form.server";
import { invitationView } from "../../sharing/consents.server";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { AskFields, careErrors } from "./ask-fields";

// "Een gezin om toegang vragen": a professional without access makes a link (and a
// QR code for paper) to hand to the family. A family admin who opens it signed in
// sees who asks what, why and until when, and answers. Only this answer holds the
// link: it is never stored or shown again.

export function loader({ request, context }: Route.LoaderArgs) {
  requireUser({ request, context });
  return { endsOn: defaultEndDay(), maxEndsOn: maxEndDay() };
}

export const action = calmWhenStorageFails(async ({ request, context }: Route.ActionArgs) => {
  const user = requireUser({ request, context });
  const parsed = parseAskForm(await request.formData());
  if (!parsed.ok) return data({ errors: careErrors(parsed.errors), values: parsed.values }, { status: 400 });
  const { token } = createAccessRequest(getDb(), user.id, parsed.data);
  return { link: await invitationView(request, token, "request"), days: INVITATION_DAYS };
});

export default function AskFamily() {
  const { t } = useTranslation("care");
  const { endsOn, maxEndsOn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result && "link" in result) {
    return (
      <section className="card" aria-labelledby="ask-link">
        <h1 id="ask-link">{t("askLink.title")}</h1>
        <p>{t("askLink.give", { days: result.days })}</p>
        <div className="field">
          <label htmlFor="request-link">{t("askLink.label")}</label>
          <input id="request-link" type="text" readOnly value={result.link.link} onFocus={(event) => event.currentTarget.select()} />
        </div>
        <p>
          <img src={result.link.qr} alt={t("askLink.qr")} width={240} height={240} />
        </p>
        <p>
          <strong>{t("askLink.once")}</strong>
        </p>
        <p>
          <Link to="/care">{t("askLink.back")}</Link>
        </p>
      </section>
    );
  }
  const errors = result && "errors" in result ? result.errors : undefined;
  const values = result && "values" in result ? (result.values as Record<string, string>) : { endsOn };
  return (
    <section className="card">
      <h1>{t("askLink.formTitle")}</h1>
      <p>{t("askLink.intro")}</p>
      <Form method="post" noValidate>
        <AskFields errors={errors} values={values} maxEndsOn={maxEndsOn} role />
        <div className="actions">
          <button type="submit" className="primary">
            {t("askLink.submit")}
          </button>
          <Link to="/care" className="button-secondary">
            {t("askLink.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
