import { useEffect, type ReactNode } from "react";
import { useTranslation } from "../use-translation";
import type { FieldErrors } from "../lib/forms";

type Common = {
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  required?: boolean;
};

// Errors sit right under the label, are linked with aria-describedby, and are
// announced by screen readers because the field is marked invalid.
function useFieldIds(name: string, errors?: FieldErrors, hint?: string) {
  const { t } = useTranslation();
  const id = `field-${name}`;
  const errorKey = errors?.[name];
  // After a submit with JavaScript the page does not reload, so nothing would tell a
  // screen reader that the form came back with problems. Focus goes to the form's
  // first field with a problem, which reads out its label, "invalid" and the message.
  // Every invalid field asks for the same first one, so the answer is the same.
  useEffect(() => {
    if (!errorKey) return;
    const form = document.getElementById(id)?.closest("form");
    const first = form?.querySelector(".field-error")?.closest(".field");
    first?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
  }, [errors, errorKey, id]);
  const describedBy = [hint ? `${id}-hint` : null, errorKey ? `${id}-error` : null].filter(Boolean).join(" ");
  return {
    id,
    error: errorKey ? t(errorKey) : null,
    aria: {
      "aria-invalid": errorKey ? (true as const) : undefined,
      "aria-describedby": describedBy || undefined,
    },
  };
}

function FieldShell({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error: string | null; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField({
  type = "text",
  defaultValue,
  autoComplete,
  inputMode,
  ...props
}: Common & {
  type?: "text" | "email" | "password" | "tel" | "date";
  defaultValue?: string | null;
  autoComplete?: string;
  inputMode?: "text" | "tel" | "email" | "numeric";
}) {
  const { id, error, aria } = useFieldIds(props.name, props.errors, props.hint);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error}>
      <input
        id={id}
        name={props.name}
        type={type}
        defaultValue={defaultValue ?? ""}
        required={props.required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        {...aria}
      />
    </FieldShell>
  );
}

export function TextArea({ defaultValue, rows = 3, placeholder, ...props }: Common & { defaultValue?: string | null; rows?: number; placeholder?: string }) {
  const { id, error, aria } = useFieldIds(props.name, props.errors, props.hint);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error}>
      <textarea id={id} name={props.name} rows={rows} defaultValue={defaultValue ?? ""} required={props.required} placeholder={placeholder} {...aria} />
    </FieldShell>
  );
}

export type Option = { value: string; label: string };

export function SelectField({ options, defaultValue, ...props }: Common & { options: Option[]; defaultValue?: string | null }) {
  const { id, error, aria } = useFieldIds(props.name, props.errors, props.hint);
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error}>
      <select id={id} name={props.name} defaultValue={defaultValue ?? ""} required={props.required} {...aria}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Radio buttons (one choice) or checkboxes (several), as big tappable pills. */
export function Choices({
  options,
  defaultValue,
  multiple = false,
  className = "choices",
  onChange,
  ...props
}: Common & { options: Option[]; defaultValue?: string | string[] | null; multiple?: boolean; className?: string; onChange?: (value: string) => void }) {
  const { id, error, aria } = useFieldIds(props.name, props.errors, props.hint);
  const checked = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []);
  return (
    <fieldset className="field" id={id} aria-describedby={aria["aria-describedby"]}>
      <legend>{props.label}</legend>
      {props.hint ? (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div className={className}>
        {options.map((option) => (
          <label key={option.value}>
            <input
              type={multiple ? "checkbox" : "radio"}
              name={props.name}
              value={option.value}
              defaultChecked={checked.has(option.value)}
              onChange={onChange ? (event) => onChange(event.currentTarget.value) : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function FormError({ errors }: { errors?: FieldErrors }) {
  const { t } = useTranslation();
  if (!errors?.form) return null;
  return (
    <p className="form-error" role="alert">
      {t(errors.form)}
    </p>
  );
}
