import { z } from "zod";
import { Form, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/tokens";
import { createApiToken, listApiTokens, revokeApiToken } from "../../../consent/api-tokens";
import { professionalContext, notFound } from "../../plan/context.server";
import { activeConsentsOrNotFound, careFrame } from "../../plan/care.server";
import { parseForm, text } from "../../lib/forms";
import { formatDateTime } from "../../lib/dates";
import { FormError, SelectField, TextField } from "../../components/fields";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { Notice } from "../../components/notice";

// Personal API tokens ("toegangssleutels"), one set per consent. A token reads only
// what that consent allows, stops with it, and every read with it shows up in the
// family's log like a look on the web. The token is shown once, right after making it.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = professionalContext({ request, context }, params.familyId);
  const consents = activeConsentsOrNotFound(ctx);
  return {
    frame: careFrame(ctx, consents),
    apiUrl: `${new URL(request.url).origin}/api/v1/plan`,
    consents: consents.map((c) => ({
      id: c.id,
      role: c.role,
      purpose: c.purpose,
      tokens: listApiTokens(ctx.db, c.id, ctx.user.id).filter((token) => token.revokedAt === null),
    })),
  };
}

const createSchema = z.object({
  consentId: z.string().min(1).max(40),
  label: text(100),
});

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = professionalContext({ request, context }, params.familyId);
  const consents = activeConsentsOrNotFound(ctx);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "revoke") {
    const tokenId = String(formData.get("tokenId") ?? "");
    // Only a token under one of this family's consents can be stopped from this page.
    const mine = consents.some((c) => listApiTokens(ctx.db, c.id, ctx.user.id).some((token) => token.id === tokenId));
    if (!mine) throw notFound();
    revokeApiToken(ctx.db, tokenId, ctx.user.id);
    return redirect(`/care/${ctx.familyId}/tokens?revoked=1`);
  }

  const parsed = parseForm(formData, createSchema);
  if (!parsed.ok) {
    return data({ created: null, errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const consent = consents.find((c) => c.id === parsed.data.consentId);
  if (!consent) throw notFound();
  const created = createApiToken(ctx.db, consent.id, ctx.user.id, parsed.data.label);
  if (!created) throw notFound();
  // Not a redirect: this answer is the only time the token is ever shown.
  return data(
    { created: { token: created.token, label: parsed.data.label }, errors: {} as Record<string, string>, values: {} as Record<string, string> },
    { headers: { "Cache-Control": "no-store" } },
  );
});

export function headers() {
  return { "Cache-Control": "no-store" };
}

export default function CareTokens() {
  const { t, i18n } = useTranslation("care");
  const { apiUrl, consents } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const several = consents.length > 1;
  const created = result && "created" in result ? result.created : null;
  const errors = result && !created ? result.errors : undefined;
  return (
    <div className="stack">
      <h1>{t("tokens.title")}</h1>
      <p>{t("tokens.intro")}</p>
      <p className="notice">{t("tokens.logged")}</p>

      {created ? (
        <section className="card" aria-labelledby="token-created" role="status">
          <h2 id="token-created">{t("tokens.createdTitle")}</h2>
          <p>{t("tokens.createdOnce")}</p>
          <p>
            <code className="pre" dir="auto">{created.token}</code>
          </p>
          <p>{t("tokens.howTo")}</p>
          <p>
            <code className="pre" dir="auto">{`curl -H "Authorization: Bearer ${created.token}" ${apiUrl}`}</code>
          </p>
        </section>
      ) : null}

      {params.get("revoked") ? (
        <Notice>
          {t("tokens.revoked")}
        </Notice>
      ) : null}

      {consents.map((consent) => (
        <section key={consent.id} className="card" aria-labelledby={`tokens-${consent.id}`}>
          <h2 id={`tokens-${consent.id}`}>{several ? t("tokens.forConsent", { role: consent.role || consent.purpose }) : t("tokens.yours")}</h2>
          {consent.tokens.length === 0 ? <p>{t("tokens.none")}</p> : null}
          <ul className="list">
            {consent.tokens.map((token) => (
              <li key={token.id}>
                <p className="item-title pre">{token.label}</p>
                <p className="meta">
                  {t("tokens.created", { date: formatDateTime(token.createdAt, i18n.language) })} ·{" "}
                  {token.lastUsedAt ? t("tokens.lastUsed", { date: formatDateTime(token.lastUsedAt, i18n.language) }) : t("tokens.neverUsed")}
                </p>
                <Form method="post" noValidate>
                  <input type="hidden" name="tokenId" value={token.id} />
                  <button type="submit" name="intent" value="revoke" className="button-secondary" aria-label={t("tokens.revokeLabel", { label: token.label })}>
                    {t("tokens.revoke")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ))}

      <section className="card" aria-labelledby="token-new">
        <h2 id="token-new">{t("tokens.new")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <FormError errors={errors} />
          {several ? (
            <SelectField
              name="consentId"
              label={t("tokens.whichConsent")}
              errors={errors}
              defaultValue={errors ? result?.values.consentId : consents[0].id}
              options={consents.map((c) => ({ value: c.id, label: c.role || c.purpose }))}
            />
          ) : (
            <input type="hidden" name="consentId" value={consents[0].id} />
          )}
          <TextField
            name="label"
            label={t("tokens.label")}
            hint={t("tokens.labelHint")}
            errors={errors}
            defaultValue={errors ? result?.values.label : undefined}
            required
          />
          <div className="actions">
            <button type="submit" className="primary">
              {t("tokens.create")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
