import { Form } from "react-router";
import { useTranslation } from "../use-translation";
import { FormError, TextField } from "./fields";
import type { FieldErrors } from "../lib/forms";

/**
 * The form that asks for a second-step code. `setup` asks only for the app's six
 * digits (setting it up); otherwise a recovery code is welcome too.
 */
export function CodeForm({ intent, setup = false, errors }: { intent?: string; setup?: boolean; errors?: FieldErrors }) {
  const { t } = useTranslation("auth");
  return (
    <Form method="post" noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError errors={errors} />
      <TextField
        name="code"
        label={setup ? t("twoStep.codeLabel") : t("step.code")}
        hint={setup ? undefined : t("step.codeHint")}
        errors={errors}
        autoComplete="one-time-code"
        inputMode={setup ? "numeric" : "text"}
        required
      />
      <div className="actions">
        <button type="submit" className="primary">
          {setup ? t("twoStep.confirm") : t("step.submit")}
        </button>
      </div>
    </Form>
  );
}
