import { z } from "zod";
import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/account";
import { getDb } from "../../db/client.server";
import { currentSession, requireUser } from "../auth/user.server";
import { changePassword } from "../auth/password-change.server";
import { clearSessionCookie, endSessionOf, invalidateUserSessions, sessionCookie, sessionsOf } from "../auth/session.server";
import { secondStepsOf } from "../auth/second-step.server";
import { passkeysOf } from "../auth/passkeys.server";
import { deviceOf } from "../auth/device-name";
import { formatDate, formatDateTime } from "../lib/dates";
import { handlerFor, intentOf } from "../lib/intents";
import { clientIp, passwordGuesses } from "../auth/rate-limit.server";
import { parseForm } from "../lib/forms";
import { FormError, TextField } from "../components/fields";
import { calmWhenStorageFails } from "../lib/storage.server";
import { newPasswordField, passwordField } from "../auth/fields";
import { Notice } from "../components/notice";

// "Mijn account": change the password, see where you are signed in and end any one
// of those (a phone that was lost, a school computer), or all at once; and the
// second step (ADR 014).

const passwordSchema = z.object({
  current: passwordField,
  password: newPasswordField,
});

export function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser({ request, context });
  const db = getDb();
  const here = currentSession({ context })!.id;
  const devices = sessionsOf(db, user.id).map((session) => ({ ...session, here: session.id === here }));
  return { name: user.name, email: user.email, organisation: user.organisation, devices, steps: secondStepsOf(db, user.id), keys: passkeysOf(db, user.id).length };
}

type Args = Route.ActionArgs & { user: ReturnType<typeof requireUser>; formData: FormData };

const INTENTS = {
  everywhere: ({ request, user }: Args) => {
    invalidateUserSessions(getDb(), user.id);
    return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
  },
  end: ({ request, context, user, formData }: Args) => {
    const id = formData.get("session");
    if (typeof id === "string") endSessionOf(getDb(), user.id, id);
    // Ending this device's own session is signing out here.
    if (id === currentSession({ context })?.id) return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
    return redirect("/account?ended=1#account-devices");
  },
  password: async ({ request, context, user, formData }: Args) => {
    const parsed = parseForm(formData, passwordSchema);
    if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
    // The current password is a password guess like any other: same limits as signing in.
    const guesses = passwordGuesses(user.email, clientIp(request));
    if (guesses.blocked()) {
      return data({ errors: { form: "errors.tooManyAttempts" } as Record<string, string> }, { status: 429 });
    }
    const session = await changePassword(getDb(), user.id, parsed.data.current, parsed.data.password, {
      device: deviceOf(request),
      secondStep: currentSession({ context })?.secondStepAt != null,
    });
    if (!session) {
      guesses.failed();
      return data({ errors: { current: "auth:account.wrongCurrent" } as Record<string, string> }, { status: 400 });
    }
    guesses.succeeded();
    return redirect("/account?changed=1", { headers: { "Set-Cookie": sessionCookie(request, session.token, session.expiresAt) } });
  },
};

export const action = calmWhenStorageFails(async (args: Route.ActionArgs) => {
  const user = requireUser(args);
  const formData = await args.request.formData();
  const handler = handlerFor(INTENTS, intentOf(formData)) ?? INTENTS.password;
  return handler({ ...args, user, formData });
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function Account() {
  const { t, i18n } = useTranslation("auth");
  const { name, email, organisation, devices, steps, keys } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <h1>{t("account.title")}</h1>
      {params.get("changed") ? (
        <Notice>
          {t("account.changed")}
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="account-who">
        <h2 id="account-who">{t("account.who")}</h2>
        <p className="pre" dir="auto">{organisation ? `${name} · ${organisation}` : name}</p>
        <p className="pre" dir="auto">{email}</p>
      </section>

      <section className="card" aria-labelledby="account-password">
        <h2 id="account-password">{t("account.passwordTitle")}</h2>
        <p>{t("account.passwordIntro")}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="password" />
          <FormError errors={result?.errors} />
          <TextField name="current" type="password" label={t("account.current")} errors={result?.errors} autoComplete="current-password" required />
          <TextField
            name="password"
            type="password"
            label={t("account.new")}
            hint={t("fields.passwordHint")}
            errors={result?.errors}
            autoComplete="new-password"
            required
          />
          <div className="actions">
            <button type="submit" className="primary">
              {t("account.passwordSubmit")}
            </button>
          </div>
        </Form>
      </section>

      <section className="card" aria-labelledby="account-passkeys">
        <h2 id="account-passkeys">{t("passkey.title")}</h2>
        <p>{keys > 0 ? t("account.keys", { count: keys }) : t("passkey.intro")}</p>
        <p className="actions">
          <Link to="/account/passkeys" className="button-secondary">
            {keys > 0 ? t("passkey.manage") : t("passkey.make")}
          </Link>
        </p>
      </section>

      <section className="card" aria-labelledby="account-steps">
        <h2 id="account-steps">{t("account.stepsTitle")}</h2>
        <p>{steps.totp || steps.passkey ? t("account.stepsOn") : t("account.stepsOff")}</p>
        <p className="actions">
          <Link to="/account/two-step" className="button-secondary">
            {t("account.stepsLink")}
          </Link>
        </p>
      </section>

      <section className="card" aria-labelledby="account-devices">
        <h2 id="account-devices">{t("account.devicesTitle")}</h2>
        {params.get("ended") ? (
          <Notice>
            {t("account.ended")}
          </Notice>
        ) : null}
        <ul className="list">
          {devices.map((device) => (
            <li key={device.id}>
              <p>
                <strong>{device.device || t("account.unknownDevice")}</strong>
                {device.here ? ` · ${t("account.here")}` : null}
              </p>
              <p className="hint">
                {t("account.since", { date: formatDate(device.createdAt, i18n.language) })}
                {device.lastUsedAt ? ` · ${t("account.lastUsed", { when: formatDateTime(device.lastUsedAt, i18n.language) })}` : null}
              </p>
              <Form method="post">
                <input type="hidden" name="session" value={device.id} />
                <button type="submit" name="intent" value="end" className="button-secondary">
                  {device.here ? t("account.endHere") : t("account.end")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="account-everywhere">
        <h2 id="account-everywhere">{t("account.everywhereTitle")}</h2>
        <p>{t("account.everywhereIntro")}</p>
        <Form method="post">
          <button type="submit" name="intent" value="everywhere" className="button-secondary">
            {t("account.everywhereSubmit")}
          </button>
        </Form>
      </section>

      <p className="actions">
        <Link to="/account/delete">{t("account.deleteLink")}</Link>
      </p>
    </div>
  );
}
