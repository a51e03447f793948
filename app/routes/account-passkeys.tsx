import { z } from "zod";
import { Form, Link, data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../use-translation";
import type { Route } from "./+types/account-passkeys";
import { getDb } from "../../db/client.server";
import { currentSession, requireUser } from "../auth/user.server";
import { addPasskey, checkPasskey, passkeysOf, removePasskey } from "../auth/passkeys.server";
import { formatRecoveryCode, markSecondStep } from "../auth/second-step.server";
import { deviceOf } from "../auth/device-name";
import { safeRedirect } from "../auth/redirect";
import { formatDate, formatDateTime } from "../lib/dates";
import { parseForm, text } from "../lib/forms";
import { handlerFor, intentOf } from "../lib/intents";
import { calmWhenStorageFails } from "../lib/storage.server";
import { FormError, TextField } from "../components/fields";
import { PasskeyButton } from "../components/passkey-button";
import { RecoveryCodes } from "../components/recovery-codes";
import { Notice } from "../components/notice";

// "Sleutels" in "Mijn account" (ADR 014): make a passkey on this device, see and
// remove the ones you have, and confirm a session with one. Right after sign-up the
// page is offered once ("welcome"), with a plain way to skip it.

const nameSchema = z.object({ name: text(60) });

export function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser({ request, context });
  return { keys: passkeysOf(getDb(), user.id), device: deviceOf(request) };
}

type Args = Route.ActionArgs & { userId: string; sessionId: string; formData: FormData };
type Result = { errors: Record<string, string>; values?: Record<string, string>; codes?: string[] };

const fail = (errors: Record<string, string>, values: Record<string, string> = {}) => data<Result>({ errors, values }, { status: 400 });

function nextOf(request: Request, fallback: string): string {
  const next = new URL(request.url).searchParams.get("redirectTo");
  return next ? safeRedirect(next) : fallback;
}

const INTENTS = {
  add: async ({ request, userId, sessionId, formData }: Args) => {
    const parsed = parseForm(formData, nameSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const added = await addPasskey(getDb(), request, userId, {
      challengeId: String(formData.get("challengeId") ?? ""),
      answer: formData.get("answer"),
      name: parsed.data.name,
    });
    if (!added) return fail({ form: "auth:passkey.failed" }, parsed.values);
    // Making a key asked for the device's lock: this session passed a second step.
    markSecondStep(getDb(), sessionId);
    if (added.codes) return data<Result>({ errors: {}, codes: added.codes.map(formatRecoveryCode) });
    return redirect(nextOf(request, "/account/passkeys?added=1"));
  },
  confirm: async ({ request, userId, sessionId, formData }: Args) => {
    const owner = await checkPasskey(getDb(), request, { challengeId: String(formData.get("challengeId") ?? ""), answer: formData.get("answer") }, userId);
    if (!owner) return fail({ form: "auth:passkey.failed" });
    markSecondStep(getDb(), sessionId);
    return redirect(nextOf(request, "/account/two-step?done=1"));
  },
  remove: ({ userId, formData }: Args) => {
    const id = formData.get("passkey");
    if (typeof id === "string") removePasskey(getDb(), userId, id);
    return redirect("/account/passkeys?removed=1");
  },
};

export const action = calmWhenStorageFails(async (args: Route.ActionArgs) => {
  const user = requireUser(args);
  const session = currentSession(args)!;
  const formData = await args.request.formData();
  const handler = handlerFor(INTENTS, intentOf(formData));
  if (!handler) return fail({ form: "errors.invalid" });
  return handler({ ...args, userId: user.id, sessionId: session.id, formData });
});

export function meta() {
  return [{ title: "Groeiplan" }];
}

function AddKey({ device, errors, typed, next }: { device: string; errors?: Record<string, string>; typed?: string; next: string }) {
  const { t } = useTranslation("auth");
  // Not sent by itself: the passkey button sends the name with the device's answer.
  return (
    <form onSubmit={(event) => event.preventDefault()} noValidate>
      <FormError errors={errors} />
      <TextField name="name" label={t("passkey.name")} hint={t("passkey.nameHint")} errors={errors} defaultValue={typed ?? device} required />
      <div className="actions">
        <PasskeyButton
          purpose="add"
          action={`/account/passkeys${next ? `?${new URLSearchParams({ redirectTo: next })}` : ""}`}
          intent="add"
          label={t("passkey.add")}
          fallback={<p className="notice">{t("passkey.cannot")}</p>}
        />
      </div>
    </form>
  );
}

export default function Passkeys() {
  const { t, i18n } = useTranslation("auth");
  const { keys, device } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const welcome = params.get("welcome") !== null;
  const next = params.get("redirectTo") ? safeRedirect(params.get("redirectTo")) : "";

  if (result && "codes" in result && result.codes) return <RecoveryCodes codes={result.codes} next={next || "/account/passkeys?added=1"} />;

  return (
    <div className="stack">
      <h1>{welcome ? t("passkey.welcomeTitle") : t("passkey.title")}</h1>
      {params.get("added") ? (
        <Notice>
          {t("passkey.added")}
        </Notice>
      ) : null}
      {params.get("removed") ? (
        <Notice>
          {t("passkey.removed")}
        </Notice>
      ) : null}
      {params.get("from") === "link" ? (
        <Notice>
          {t("passkey.fromLink")}
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="passkey-new">
        <h2 id="passkey-new">{welcome ? t("passkey.offer") : t("passkey.newTitle")}</h2>
        <p>{t("passkey.intro")}</p>
        <AddKey device={device} errors={result?.errors} typed={result?.values?.name} next={next} />
        {welcome ? (
          <p className="actions">
            <Link to={next || "/"} className="button-secondary">
              {t("passkey.notNow")}
            </Link>
          </p>
        ) : null}
      </section>

      {keys.length > 0 ? (
        <section className="card" aria-labelledby="passkey-list">
          <h2 id="passkey-list">{t("passkey.listTitle")}</h2>
          <ul className="list">
            {keys.map((key) => (
              <li key={key.id}>
                <p>
                  <strong className="pre" dir="auto">{key.name}</strong>
                </p>
                <p className="hint">
                  {t("passkey.made", { date: formatDate(key.createdAt, i18n.language) })}
                  {key.lastUsedAt ? ` · ${t("passkey.lastUsed", { when: formatDateTime(key.lastUsedAt, i18n.language) })}` : null}
                </p>
                <Form method="post">
                  <input type="hidden" name="passkey" value={key.id} />
                  <button type="submit" name="intent" value="remove" className="button-secondary" aria-label={t("passkey.removeNamed", { name: key.name })}>
                    {t("passkey.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {welcome ? null : (
        <p className="actions">
          <Link to="/account">{t("twoStep.back")}</Link>
        </p>
      )}
    </div>
  );
}
