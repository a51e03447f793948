import { z } from "zod";
import { Form, Link, data, redirect, useActionData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/login-step";
import { getDb } from "../../db/client.server";
import { STEP_COOKIE, clearStepCookie, finishSecondStep, stepOf } from "../auth/sign-in.server";
import { readCookie, sessionCookie } from "../auth/session.server";
import { passwordGuesses, clientIp } from "../auth/rate-limit.server";
import { safeRedirect } from "../auth/redirect";
import { parseForm, text } from "../lib/forms";
import { FormError, TextField } from "../components/fields";
import { calmWhenStorageFails } from "../lib/storage.server";

// /login/step: the second step after a password or a mail link (ADR 014). The
// step token lives in a cookie for ten minutes; a six-digit code from the code
// app, or one recovery code, finishes signing in.

const schema = z.object({ code: text(40) });

function stepFrom(request: Request) {
  const token = readCookie(request, STEP_COOKIE);
  const step = token ? stepOf(getDb(), token) : null;
  return step?.userId ? { token: token!, userId: step.userId } : null;
}

export function loader({ request }: Route.LoaderArgs) {
  if (!stepFrom(request)) throw redirect("/login", { headers: { "Set-Cookie": clearStepCookie(request) } });
  return null;
}

export const action = calmWhenStorageFails(async ({ request }: Route.ActionArgs) => {
  const step = stepFrom(request);
  if (!step) throw redirect("/login", { headers: { "Set-Cookie": clearStepCookie(request) } });
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  // Codes are guesses like passwords: the same limits, per person and address.
  const guesses = passwordGuesses(`step:${step.userId}`, clientIp(request));
  if (guesses.blocked()) return data({ errors: { form: "errors.tooManyAttempts" } as Record<string, string> }, { status: 429 });
  const session = finishSecondStep(getDb(), step.token, parsed.data.code);
  if (!session) {
    guesses.failed();
    return data({ errors: { code: "auth:step.wrong" } as Record<string, string> }, { status: 400 });
  }
  guesses.succeeded();
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(request, session.token, session.expiresAt));
  headers.append("Set-Cookie", clearStepCookie(request));
  return redirect(safeRedirect(session.redirectTo), { headers });
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function LoginStep() {
  const { t } = useTranslation("auth");
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t("step.title")}</h1>
      <p>{t("step.intro")}</p>
      <Form method="post" noValidate>
        <FormError errors={result?.errors} />
        <TextField
          name="code"
          label={t("step.code")}
          hint={t("step.codeHint")}
          errors={result?.errors}
          autoComplete="one-time-code"
          inputMode="text"
          required
        />
        <div className="actions">
          <button type="submit" className="primary">
            {t("step.submit")}
          </button>
        </div>
      </Form>
      <p className="actions">
        <Link to="/login">{t("step.back")}</Link>
      </p>
    </section>
  );
}
