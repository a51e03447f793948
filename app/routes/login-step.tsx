import { Form, Link, data, redirect, useActionData } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/login-step";
import { getDb } from "../../db/client.server";
import { STEP_COOKIE, clearStepCookie, finishSecondStep, stepOf } from "../auth/sign-in.server";
import { readCookie, sessionCookie } from "../auth/session.server";
import { guessCode } from "../auth/code-guess.server";
import { safeRedirect } from "../auth/redirect";
import { CodeForm } from "../components/code-form";
import { calmWhenStorageFails } from "../lib/storage.server";

// /login/step: the second step after a password or a mail link (ADR 014). The
// step token lives in a cookie for ten minutes; a six-digit code from the code
// app, or one recovery code, finishes signing in.

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
  const guess = guessCode(request, step.userId, await request.formData(), (code) => finishSecondStep(getDb(), step.token, code));
  if (!guess.ok) return data({ errors: guess.errors }, { status: guess.status });
  const session = guess.value;
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
      <CodeForm errors={result?.errors} />
      <p className="actions">
        <Link to="/login">{t("step.back")}</Link>
      </p>
    </section>
  );
}
