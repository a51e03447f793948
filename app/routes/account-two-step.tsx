import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/account-two-step";
import { getDb } from "../../db/client.server";
import { currentSession, requireUser } from "../auth/user.server";
import {
  checkSecondStepCode,
  confirmTotp,
  formatRecoveryCode,
  hasSecondStep,
  markSecondStep,
  pendingTotpSecret,
  removeTotp,
  replaceRecoveryCodes,
  secondStepsOf,
  startTotp,
  totpUri,
} from "../auth/second-step.server";
import { guessCode } from "../auth/code-guess.server";
import { safeRedirect } from "../auth/redirect";
import { qrImage } from "../lib/qr.server";
import { handlerFor, intentOf } from "../lib/intents";
import { CodeForm } from "../components/code-form";
import { RecoveryCodes } from "../components/recovery-codes";
import { PasskeyButton } from "../components/passkey-button";
import { calmWhenStorageFails } from "../lib/storage.server";
import { Notice } from "../components/notice";

// "Tweede stap" in "Mijn account" (ADR 014): set up a code app, get recovery codes
// (shown once), confirm a code for this device. Professionals come here before
// their first look at a family.

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser({ request, context });
  const db = getDb();
  const steps = secondStepsOf(db, user.id);
  const pending = steps.totp ? null : pendingTotpSecret(db, user.id);
  const setup = pending ? { secret: pending.replace(/(.{4})/g, "$1 ").trim(), qr: await qrImage(totpUri(pending, user.email)) } : null;
  return { steps, setup, passedHere: currentSession({ context })?.secondStepAt != null };
}

type Args = Route.ActionArgs & { userId: string; sessionId: string; formData: FormData };

const refused = (guess: { status: number; errors: Record<string, string> }) => data({ errors: guess.errors, codes: null }, { status: guess.status });

const INTENTS = {
  start: ({ request, userId }: Args) => {
    startTotp(getDb(), userId);
    // Where the person was going (their first look at a family) goes along.
    return redirect(`/account/two-step${new URL(request.url).search}#two-step-setup`);
  },
  confirm: ({ request, userId, sessionId, formData }: Args) => {
    const guess = guessCode(request, userId, formData, (code) => confirmTotp(getDb(), userId, code));
    if (!guess.ok) return refused(guess);
    markSecondStep(getDb(), sessionId);
    return { errors: {} as Record<string, string>, codes: guess.value.map(formatRecoveryCode) };
  },
  verify: ({ request, userId, sessionId, formData }: Args) => {
    const guess = guessCode(request, userId, formData, (code) => checkSecondStepCode(getDb(), userId, code));
    if (!guess.ok) return refused(guess);
    markSecondStep(getDb(), sessionId);
    const next = new URL(request.url).searchParams.get("redirectTo");
    return redirect(next ? safeRedirect(next) : "/account/two-step?done=1");
  },
  codes: ({ userId }: Args) => {
    if (!hasSecondStep(getDb(), userId)) return redirect("/account/two-step");
    return { errors: {} as Record<string, string>, codes: replaceRecoveryCodes(getDb(), userId).map(formatRecoveryCode) };
  },
  remove: ({ userId }: Args) => {
    removeTotp(getDb(), userId);
    return redirect("/account/two-step?removed=1");
  },
};

export const action = calmWhenStorageFails(async (args: Route.ActionArgs) => {
  const user = requireUser(args);
  const session = currentSession(args)!;
  const formData = await args.request.formData();
  const handler = handlerFor(INTENTS, intentOf(formData));
  if (!handler) return data({ errors: { form: "errors.invalid" } as Record<string, string>, codes: null }, { status: 400 });
  return handler({ ...args, userId: user.id, sessionId: session.id, formData });
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

export default function TwoStep() {
  const { t } = useTranslation("auth");
  const { steps, setup, passedHere } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const next = safeRedirect(params.get("redirectTo"), "/account");
  const errors = result?.errors;
  const has = steps.totp || steps.passkey;

  if (result && "codes" in result && result.codes) return <RecoveryCodes codes={result.codes} next={next} />;

  return (
    <div className="stack">
      <h1>{t("twoStep.title")}</h1>
      {params.get("removed") ? (
        <Notice>
          {t("twoStep.removed")}
        </Notice>
      ) : null}
      {params.get("done") ? (
        <Notice>
          {t("twoStep.done")}
        </Notice>
      ) : null}
      <p>{t("twoStep.intro")}</p>

      {has && !passedHere ? (
        <section className="card" aria-labelledby="two-step-verify">
          <h2 id="two-step-verify">{t("twoStep.verifyTitle")}</h2>
          <p>{t("twoStep.verifyIntro")}</p>
          <CodeForm intent="verify" errors={errors} />
          {steps.passkey ? (
            <PasskeyButton
              purpose="confirm"
              action={`/account/passkeys?${new URLSearchParams({ redirectTo: next === "/account" ? "/account/two-step?done=1" : next })}`}
              intent="confirm"
              label={t("passkey.confirm")}
              className="button-secondary"
            />
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="two-step-setup">
        <h2 id="two-step-setup">{t("twoStep.appTitle")}</h2>
        {steps.totp ? (
          <>
            <p>{t("twoStep.appOn")}</p>
            <Form method="post" className="actions">
              <button type="submit" name="intent" value="remove" className="button-secondary">
                {t("twoStep.remove")}
              </button>
            </Form>
          </>
        ) : setup ? (
          <>
            <ol>
              <li>{t("twoStep.scan")}</li>
              <li>{t("twoStep.type")}</li>
            </ol>
            <img src={setup.qr} alt={t("twoStep.qrAlt")} width={200} height={200} className="qr" />
            <p>
              {t("twoStep.secret")} <code dir="ltr">{setup.secret}</code>
            </p>
            <CodeForm intent="confirm" setup errors={errors} />
          </>
        ) : (
          <>
            <p>{t("twoStep.appIntro")}</p>
            <Form method="post" className="actions">
              <button type="submit" name="intent" value="start" className="primary">
                {t("twoStep.start")}
              </button>
            </Form>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="two-step-passkey">
        <h2 id="two-step-passkey">{t("passkey.title")}</h2>
        <p>{steps.passkey ? t("passkey.have") : t("passkey.intro")}</p>
        <p className="actions">
          <Link to={`/account/passkeys?${new URLSearchParams({ redirectTo: next })}`} className="button-secondary">
            {steps.passkey ? t("passkey.manage") : t("passkey.make")}
          </Link>
        </p>
      </section>

      {has ? (
        <section className="card" aria-labelledby="two-step-codes">
          <h2 id="two-step-codes">{t("twoStep.codesTitle")}</h2>
          <p>{t("twoStep.codesLeft", { count: steps.unusedCodes })}</p>
          <Form method="post" className="actions">
            <button type="submit" name="intent" value="codes" className="button-secondary">
              {t("twoStep.newCodes")}
            </button>
          </Form>
        </section>
      ) : null}
      <p className="actions">
        <Link to="/account">{t("twoStep.back")}</Link>
      </p>
    </div>
  );
}
