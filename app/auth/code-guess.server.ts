import { z } from "zod";
import { parseForm, text } from "../lib/forms";
import { clientIp, passwordGuesses } from "./rate-limit.server";

// A second-step code typed into a form: checked as a guess like a password, with
// the same limits per person and network address. Signing in and "Tweede stap"
// ask for codes the same way.

const codeSchema = z.object({ code: text(40) });

export type CodeGuess<T> = { ok: true; value: T } | { ok: false; status: 400 | 429; errors: Record<string, string> };

export function guessCode<T>(request: Request, userId: string, formData: FormData, check: (code: string) => T | null): CodeGuess<T> {
  const parsed = parseForm(formData, codeSchema);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  const guesses = passwordGuesses(`step:${userId}`, clientIp(request));
  if (guesses.blocked()) return { ok: false, status: 429, errors: { form: "errors.tooManyAttempts" } };
  const value = check(parsed.data.code);
  if (value === null) {
    guesses.failed();
    return { ok: false, status: 400, errors: { code: "auth:step.wrong" } };
  }
  guesses.succeeded();
  return { ok: true, value };
}
