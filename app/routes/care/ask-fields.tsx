import { useTranslation } from "../../use-translation";
import { SECTIONS } from "../../../consent/sections";
import type { FieldErrors } from "../../lib/forms";
import { formatDate } from "../../lib/dates";
import { Choices, FormError, TextArea, TextField } from "../../components/fields";

// A professional's ask, in the professionals' own texts (ADR 006): which parts and
// how, until when, and why. Used to ask a family that shares already for more, and
// to make a request link for a family that shares nothing yet.

/** The consent form's messages are the family's texts; on these pages the professionals' twins are shown. */
export function careErrors(errors: FieldErrors): FieldErrors {
  const FAMILY = "access:errors.";
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, key.startsWith(FAMILY) ? `care:errors.${key.slice(FAMILY.length)}` : key]));
}

export function AskFields({ errors, values, maxEndsOn, role = false }: { errors?: FieldErrors; values: Record<string, string>; maxEndsOn: string; role?: boolean }) {
  const { t, i18n } = useTranslation("care");
  const levels = (["none", "read", "write"] as const).map((level) => ({ value: level, label: t(`level.${level}`) }));
  return (
    <>
      <FormError errors={errors} />
      <fieldset className="field" id="field-parts" aria-describedby={errors?.parts ? "field-parts-error" : undefined}>
        <legend>{t("ask.parts")}</legend>
        {errors?.parts ? (
          <p className="field-error" id="field-parts-error">
            {t(errors.parts)}
          </p>
        ) : null}
        {SECTIONS.map((section) => (
          <Choices key={section} name={section} label={t(`parts.${section}`)} options={levels} defaultValue={values[section] ?? "none"} errors={errors} />
        ))}
      </fieldset>
      <TextField
        type="date"
        name="endsOn"
        label={t("ask.endsOn")}
        hint={t("ask.endsOnHint", { date: formatDate(maxEndsOn, i18n.language) })}
        defaultValue={values.endsOn}
        errors={errors}
        required
      />
      {role ? <TextField name="role" label={t("ask.role")} hint={t("ask.roleHint")} defaultValue={values.role} errors={errors} /> : null}
      <TextArea name="note" label={t("ask.note")} hint={t("ask.noteHint")} defaultValue={values.note} errors={errors} required />
    </>
  );
}
