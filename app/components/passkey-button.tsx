import { useState, useSyncExternalStore, type MouseEvent, type ReactNode } from "react";
import { useNavigation, useSubmit } from "react-router";
import { useTranslation } from "../use-translation";

const noSubscription = () => () => {};
const passkeysHere = () => (typeof window.PublicKeyCredential === "function" ? "yes" : "no");
// On the server and while hydrating nobody knows yet; without JavaScript it stays so.
const notKnownYet = () => "unknown";

type Props = {
  // "add" makes a new passkey; "signin" and "confirm" use one.
  purpose: "signin" | "add" | "confirm";
  // The page whose action checks the browser's answer, with the intent it expects.
  action: string;
  intent: string;
  // More fields for that action (where to go next). Fields of the form around the
  // button (the new key's name) go along too.
  fields?: Record<string, string>;
  label: string;
  className?: string;
  // Shown instead of the button where passkeys cannot work (no JavaScript, an old browser).
  fallback?: ReactNode;
};

/** Shows its children only in a browser that can make and use passkeys. */
export function WherePasskeysWork({ children }: { children: ReactNode }) {
  const here = useSyncExternalStore(noSubscription, passkeysHere, notKnownYet);
  return here === "yes" ? <>{children}</> : null;
}

/**
 * One button for a passkey. The server gives a challenge, the device asks for its
 * own lock (PIN, face, finger) and signs, and the answer goes to the page's action
 * as a normal form post, so errors and recovery codes show on the page as for any
 * form. The browser library is loaded only when the button is pressed.
 */
export function PasskeyButton({ purpose, action, intent, fields = {}, label, className = "primary", fallback = null }: Props) {
  const { t } = useTranslation("auth");
  const here = useSyncExternalStore(noSubscription, passkeysHere, notKnownYet);
  const submit = useSubmit();
  const navigation = useNavigation();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (here === "unknown") return fallback ? <noscript>{fallback}</noscript> : null;
  if (here === "no") return <>{fallback}</>;

  async function start(event: MouseEvent<HTMLButtonElement>) {
    const around = event.currentTarget.form;
    const typed = around ? Object.fromEntries([...new FormData(around)].filter((entry): entry is [string, string] => typeof entry[1] === "string")) : {};
    setProblem(null);
    setBusy(true);
    try {
      const body = new FormData();
      body.set("purpose", purpose);
      const asked = await fetch("/passkeys/options", { method: "POST", body });
      if (!asked.ok) throw new Error("no options");
      const { challengeId, options } = await asked.json();
      const browser = await import("@simplewebauthn/browser");
      const answer = purpose === "add" ? await browser.startRegistration({ optionsJSON: options }) : await browser.startAuthentication({ optionsJSON: options });
      await submit({ ...typed, ...fields, intent, challengeId, answer: JSON.stringify(answer) }, { method: "post", action });
    } catch {
      // Cancelled on the device, no key on this device, or no connection: all ask for another try.
      setProblem(t("passkey.notDone"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="passkey">
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="button" className={className} onClick={start} disabled={busy || navigation.state !== "idle"}>
        {label}
      </button>
    </div>
  );
}
