import { z } from "zod";
import { Form, Link, data, redirect, useActionData, useLoaderData, useParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/invite";
import { getDb } from "../../db/client.server";
import { inspectInvitation } from "../../consent/grants";
import { claimForProfessional } from "../plan/care.server";
import { memberAccess } from "../../consent/gate";
import { grantedParts } from "../../consent/sections";
import { currentUser, requireUser } from "../auth/user.server";
import { CLAIM_LIMIT, clientIp, takeAttempt } from "../auth/rate-limit.server";
import { optionalText, parseForm, type FieldErrors } from "../lib/forms";
import { formatDate, lastDay } from "../lib/dates";
import { TextField } from "../components/fields";
import { orUnavailable } from "../lib/storage.server";
import { PartsList } from "../components/parts-list";
import { useCarePartLabel } from "./care/part-label";
import { closedLink } from "../lib/closed-link.server";
import { ClosedLink } from "../components/closed-link";

// /invite/<token>: a professional takes the access a family offers. The token is
// the proof, so an open link may show the family's name; a used, ended, stopped or
// unknown link shows a plain page and nothing about any family.

const claimSchema = z.object({ organisation: optionalText(160) });

export function loader({ request, params, context }: Route.LoaderArgs) {
  const db = getDb();
  const found = inspectInvitation(db, params.token);
  if (found.state !== "open") return closedLink(found.state);
  const user = currentUser({ context });
  // Someone in the family cannot take the access meant for a professional.
  if (user && memberAccess(db, user.id, found.consent.familyId)) return data({ state: "member" as const }, { status: 409 });
  const { consent } = found;
  return {
    state: "open" as const,
    familyName: found.familyName,
    name: consent.name,
    organisation: consent.organisation,
    role: consent.role,
    purpose: consent.purpose,
    parts: grantedParts(consent.scopes, consent.selection),
    lastDay: lastDay(consent.endsAt),
    signedIn: Boolean(user),
    // Families see this next to everything the professional writes.
    askOrganisation: Boolean(user && !user.organisation),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireUser({ request, context });
  if (!takeAttempt(`invite:ip:${clientIp(request)}`, CLAIM_LIMIT)) return closedLink("tooMany");
  const db = getDb();
  const parsed = parseForm(await request.formData(), claimSchema);
  if (!parsed.ok) return data({ state: "invalid" as const, errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { organisation } = parsed.data;
  const result = orUnavailable(() => claimForProfessional(db, params.token, user, organisation));
  if (result.state === "claimed-now") return redirect(`/care/${result.familyId}`);
  if (result.state === "member") return data({ state: "member" as const }, { status: 409 });
  return closedLink(result.state);
}


export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function Invite() {
  const { t } = useTranslation("invite");
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A form error keeps the invitation on screen, with the message next to the field.
  const invalid = result?.state === "invalid" ? result : null;
  const view = result && result.state !== "invalid" ? result : loaded;

  if (view.state === "open") return <OpenInvitation view={view} errors={invalid?.errors} values={invalid?.values} />;

  return (
    <ClosedLink title={t(`state.${view.state}.title`)} text={t(`state.${view.state}.text`)}>
      {view.state === "claimed" ? (
        <Link to="/care" className="button">
          {t("toCare")}
        </Link>
      ) : null}
      <Link to="/" className="button-secondary">
        {t("home")}
      </Link>
    </ClosedLink>
  );
}

type OpenView = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { state: "open" }>;

function OpenInvitation({ view, errors, values }: { view: OpenView; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t, i18n } = useTranslation("invite");
  const partLabel = useCarePartLabel();
  const { token } = useParams();
  // After signing up or in, the professional comes straight back to this link.
  const redirectTo = encodeURIComponent(`/invite/${token ?? ""}`);
  return (
    <section className="card">
      <h1>{t("open.title", { family: view.familyName })}</h1>
      <p>{view.organisation ? t("open.forOrganisation", { name: view.name, organisation: view.organisation }) : t("open.for", { name: view.name })}</p>
      <dl className="whatif">
        {view.role ? (
          <>
            <dt>{t("open.role")}</dt>
            <dd className="pre" dir="auto">{view.role}</dd>
          </>
        ) : null}
        <dt>{t("open.purpose")}</dt>
        <dd className="pre" dir="auto">{view.purpose}</dd>
        <dt>{t("open.parts")}</dt>
        <dd>
          <PartsList parts={view.parts} label={partLabel} />
        </dd>
        <dt>{t("open.until")}</dt>
        <dd>{formatDate(view.lastDay, i18n.language)}</dd>
      </dl>
      <p className="notice">{t("open.watched")}</p>
      {view.signedIn ? (
        <Form method="post" noValidate>
          {view.askOrganisation ? (
            <TextField
              name="organisation"
              label={t("open.organisation")}
              hint={t("open.organisationHint")}
              errors={errors}
              defaultValue={values?.organisation ?? view.organisation}
              autoComplete="organization"
            />
          ) : null}
          <p>{t("open.question")}</p>
          <div className="actions">
            <button type="submit" className="primary">
              {t("open.submit")}
            </button>
          </div>
        </Form>
      ) : (
        <>
          <p>{t("open.signedOut")}</p>
          <p className="actions">
            <Link to={`/signup?redirectTo=${redirectTo}`} className="button">
              {t("open.signup")}
            </Link>
            <Link to={`/login?redirectTo=${redirectTo}`} className="button-secondary">
              {t("open.login")}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
