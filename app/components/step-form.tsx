import { Form, useLocation } from "react-router";
import { useTranslation } from "../use-translation";
import type { FieldErrors } from "../lib/forms";
import { FormError, SelectField, TextField, TextArea } from "./fields";

export function whoValue(step: { whoKind: string; whoMemberId: string | null; whoNetworkId: string | null; whoConsentId: string | null }) {
  if (step.whoKind === "member" && step.whoMemberId) return `member:${step.whoMemberId}`;
  if (step.whoKind === "network" && step.whoNetworkId) return `network:${step.whoNetworkId}`;
  if (step.whoKind === "professional" && step.whoConsentId) return `professional:${step.whoConsentId}`;
  return "together";
}

export function StepForm({
  members,
  network,
  professionals,
  errors,
  values,
  submitLabel,
  intent,
}: {
  members: { id: string; name: string }[];
  network: { id: string; name: string; organisation: string }[];
  // The professionals the family gave access to (or invited): a step can be theirs.
  professionals: { id: string; name: string; organisation: string }[];
  errors?: FieldErrors;
  values?: Record<string, string | undefined>;
  submitLabel: string;
  intent?: string;
}) {
  const { t } = useTranslation("goals");
  const location = useLocation();
  const who = [
    { value: "together", label: t("steps.together") },
    ...members.map((m) => ({ value: `member:${m.id}`, label: m.name })),
    ...network.map((p) => ({ value: `network:${p.id}`, label: p.organisation ? `${p.name} (${p.organisation})` : p.name })),
    // Said apart from the network: a step for them shows on their own page and on "Wie doet wat?".
    ...professionals.map((p) => ({ value: `professional:${p.id}`, label: t("steps.professionalOption", { name: p.organisation ? `${p.name}, ${p.organisation}` : p.name }) })),
  ];
  return (
    // A new, empty form after each save, as a page without JavaScript gets: the saved
    // text left in the box looks unsaved and invites saving it twice.
    <Form key={location.key} method="post" noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError errors={errors} />
      <TextArea name="what" label={t("steps.what")} hint={t("steps.whatHint")} errors={errors} defaultValue={values?.what} rows={2} required />
      <SelectField name="who" label={t("steps.who")} errors={errors} defaultValue={values?.who ?? "together"} options={who} />
      <TextField name="when" label={t("steps.when")} hint={t("steps.whenHint")} errors={errors} defaultValue={values?.when} />
      <div className="field-pair">
        <TextField name="startsOn" type="date" label={t("steps.startsOn")} hint={t("steps.startsOnHint")} errors={errors} defaultValue={values?.startsOn} />
        <TextField name="endsOn" type="date" label={t("steps.endsOn")} hint={t("steps.endsOnHint")} errors={errors} defaultValue={values?.endsOn} />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
