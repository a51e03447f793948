import type { ReactNode } from "react";
import { Form } from "react-router";
import { useTranslation } from "../use-translation";
import type { StrengthView } from "../plan/strengths.server";
import { STRENGTH_KINDS } from "../../db/values";
import type { FieldErrors } from "../lib/forms";
import { authorName } from "./author-name";
import { Choices, FormError, SelectField, TextArea } from "./fields";

// "Wat gaat goed?" and "Waar zijn we trots op?": per person, the whole family
// first, in the family's own words. The same list on the family's pages and on a
// professional's; only the family gets the links to change something.

export type StrengthGroup = { key: string; memberName: string | null; strengths: StrengthView[] };

/**
 * The whole family first, then each member in the family's order, then anyone the
 * family no longer lists (a member removed since keeps what was written for them).
 */
export function groupStrengths(strengths: StrengthView[], memberOrder: string[] = []): StrengthGroup[] {
  const groups = new Map<string, StrengthGroup>();
  for (const strength of strengths) {
    const key = strength.memberId ?? "";
    const group = groups.get(key) ?? { key, memberName: strength.memberId ? strength.memberName : null, strengths: [] };
    group.strengths.push(strength);
    groups.set(key, group);
  }
  const rank = (key: string) => (key === "" ? -1 : memberOrder.includes(key) ? memberOrder.indexOf(key) : memberOrder.length);
  return [...groups.values()].sort((a, b) => rank(a.key) - rank(b.key));
}

type ListProps = {
  strengths: StrengthView[];
  memberOrder?: string[];
  /** The links or buttons after one strength, such as "Veranderen". */
  actions?: (strength: StrengthView) => ReactNode;
  /** On the plan page: one list per person, each line with its kind as a tag. */
  compact?: boolean;
  headingLevel?: "h2" | "h3";
};

export function StrengthList({ strengths, memberOrder, actions, compact = false, headingLevel = "h2" }: ListProps) {
  const { t } = useTranslation("strengths");
  const Heading = headingLevel;
  const Sub = headingLevel === "h2" ? "h3" : "h4";
  return (
    <>
      {groupStrengths(strengths, memberOrder).map((group) => (
        <div key={group.key} className="strength-group">
          <Heading className="item-title">
            {group.memberName === null ? t("list.wholeFamily") : <span dir="auto">{group.memberName}</span>}
          </Heading>
          {compact ? (
            <StrengthItems strengths={group.strengths} actions={actions} withKind />
          ) : (
            STRENGTH_KINDS.map((kind) => {
              const ofKind = group.strengths.filter((strength) => strength.kind === kind);
              return ofKind.length > 0 ? (
                <div key={kind}>
                  <Sub>{t(`kind.${kind}`)}</Sub>
                  <StrengthItems strengths={ofKind} actions={actions} />
                </div>
              ) : null;
            })
          )}
        </div>
      ))}
    </>
  );
}

function StrengthItems({ strengths, actions, withKind = false }: { strengths: StrengthView[]; actions?: ListProps["actions"]; withKind?: boolean }) {
  const { t } = useTranslation("strengths");
  return (
    <ul className="list">
      {strengths.map((strength) => (
        <li key={strength.id} id={`strength-${strength.id}`}>
          <p>
            {withKind ? (
              <>
                <span className="tag">{t(`tag.${strength.kind}`)}</span>{" "}
              </>
            ) : null}
            <span className="pre own-words" dir="auto">
              {strength.text}
            </span>
          </p>
          {strength.author ? (
            <p className="meta">
              {strength.author.organisation && !strength.author.former
                ? t("list.byOrganisation", { name: authorName(t, strength.author), organisation: strength.author.organisation })
                : t("list.by", { name: authorName(t, strength.author) })}
            </p>
          ) : null}
          {actions ? <div className="actions">{actions(strength)}</div> : null}
        </li>
      ))}
    </ul>
  );
}

export type StrengthFor = { value: string; name: string };

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * What goes well or what we are proud of, for whom, in a few words. A plain form
 * that posts without JavaScript; `forWhom` lists the members it may be for.
 */
export function StrengthForm({
  forWhom,
  errors,
  values,
  submitLabel,
  extra,
  intent,
}: {
  forWhom: StrengthFor[];
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  submitLabel: string;
  /** More fields before the button, such as "Wie mag dit zien?". */
  extra?: ReactNode;
  intent?: string;
}) {
  const { t } = useTranslation("strengths");
  const kinds = STRENGTH_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }));
  const people = [{ value: "", label: t("list.wholeFamily") }, ...forWhom.map((member) => ({ value: member.value, label: member.name }))];
  return (
    <Form method="post" noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormError errors={errors} />
      <Choices name="kind" label={t("form.kind")} options={kinds} defaultValue={str(values?.kind) ?? "going_well"} errors={errors} />
      <SelectField name="memberId" label={t("form.forWhom")} options={people} defaultValue={str(values?.memberId) ?? ""} errors={errors} />
      <TextArea name="text" label={t("form.text")} hint={t("form.textHint")} errors={errors} defaultValue={str(values?.text)} rows={2} required />
      {extra}
      <div className="actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
