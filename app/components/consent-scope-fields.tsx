import { useState } from "react";
import { useTranslation } from "../use-translation";
import { SECTIONS, type Section } from "../../consent/sections";
import type { FieldErrors } from "../lib/forms";
import { formatDate } from "../lib/dates";
import { Choices, TextField } from "./fields";

// Which parts, read or write, which records of each part, and until when: shared
// by "invite" and "change". Picking single records works without JavaScript: the
// list sits in a <details> that is open when the family chose "alleen deze".

export type ChoiceRecord = { id: string; title: string };
export type GoalChoice = ChoiceRecord & { lifeArea: string; members: string[] };
export type Choosable = { goals: GoalChoice[]; strengths: ChoiceRecord[]; whatifs: ChoiceRecord[]; network: ChoiceRecord[] };

type Props = { errors?: FieldErrors; values: Record<string, string>; maxEndsOn: string; choices: Choosable };

export function ConsentScopeFields({ errors, values, maxEndsOn, choices }: Props) {
  const { t, i18n } = useTranslation("access");
  const levels = (["none", "read", "write"] as const).map((level) => ({ value: level, label: t(`level.${level}`) }));
  return (
    <>
      <fieldset className="field" id="field-parts" aria-describedby={errors?.parts ? "field-parts-error" : "field-parts-hint"}>
        <legend>{t("form.parts")}</legend>
        <span className="hint" id="field-parts-hint">
          {t("form.partsHint")}
        </span>
        {errors?.parts ? (
          <p className="field-error" id="field-parts-error">
            {t(errors.parts)}
          </p>
        ) : null}
        {SECTIONS.map((section) => (
          <div key={section} className="part-choice">
            <Choices name={section} label={t(`parts.${section}`)} options={levels} defaultValue={values[section] ?? "none"} errors={errors} />
            {section === "progress" ? (
              <ProgressWhich values={values} />
            ) : choices[section].length > 0 ? (
              <WhichRecords section={section} records={choices[section]} values={values} errors={errors} />
            ) : null}
          </div>
        ))}
      </fieldset>
      <TextField
        type="date"
        name="endsOn"
        label={t("form.endsOn")}
        hint={t("form.endsOnHint", { date: formatDate(maxEndsOn, i18n.language) })}
        defaultValue={values.endsOn}
        errors={errors}
        required
      />
    </>
  );
}

/** "Alles" or "alleen deze", and the records to tick. */
function WhichRecords({ section, records, values, errors }: { section: Exclude<Section, "progress">; records: ChoiceRecord[] | GoalChoice[]; values: Record<string, string>; errors?: FieldErrors }) {
  const { t } = useTranslation("access");
  const name = `${section}.which`;
  const picked = new Set((values[`${section}.pick`] ?? "").split(" ").filter(Boolean));
  const [chosen, setChosen] = useState(values[name] === "chosen");
  return (
    <div className="which">
      <Choices
        name={name}
        label={t(`which.${section}.label`)}
        options={[
          { value: "all", label: t(`which.${section}.all`) },
          { value: "chosen", label: t(`which.${section}.chosen`) },
        ]}
        defaultValue={values[name] === "chosen" ? "chosen" : "all"}
        errors={errors}
        onChange={(value) => setChosen(value === "chosen")}
      />
      <details open={chosen || Boolean(errors?.[name])}>
        <summary>{t(`which.${section}.pick`)}</summary>
        {section === "goals" ? (
          goalGroups(records as GoalChoice[], t("which.goals.everyone")).map((group) => (
            <PickList
              key={group.key}
              label={t("which.goals.group", { members: group.members, area: t(`common:lifeAreas.${group.lifeArea}`) })}
              section={section}
              records={group.goals}
              picked={picked}
            />
          ))
        ) : (
          <PickList section={section} records={records} picked={picked} />
        )}
      </details>
    </div>
  );
}

function PickList({ label, section, records, picked }: { label?: string; section: string; records: ChoiceRecord[]; picked: Set<string> }) {
  return (
    <div className="pick-group">
      {label ? <p className="item-title">{label}</p> : null}
      <div className="choices choices-column">
        {records.map((record) => (
          <label key={record.id}>
            <input type="checkbox" name={`${section}.pick`} value={record.id} defaultChecked={picked.has(record.id)} />
            <span className="own-words" dir="auto">{record.title}</span>
          </label>
        ))}
      </div>
    </div>
  );
}

/** Goals by who they are for and then by life area: "Sem · School". */
function goalGroups(goals: GoalChoice[], everyone: string) {
  const groups = new Map<string, { key: string; members: string; lifeArea: string; goals: GoalChoice[] }>();
  for (const goal of goals) {
    const members = goal.members.length > 0 ? goal.members.join(", ") : everyone;
    const key = `${members}\u0000${goal.lifeArea}`;
    const group = groups.get(key) ?? { key, members, lifeArea: goal.lifeArea, goals: [] };
    group.goals.push(goal);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Notes: all of them, or only those about the goals this consent shares. */
function ProgressWhich({ values }: { values: Record<string, string> }) {
  const { t } = useTranslation("access");
  return (
    <div className="which">
      <Choices
        name="progress.which"
        label={t("which.progress.label")}
        options={[
          { value: "all", label: t("which.progress.all") },
          { value: "goals", label: t("which.progress.goals") },
        ]}
        defaultValue={values["progress.which"] === "goals" ? "goals" : "all"}
      />
      <div className="choices">
        <label>
          <input type="checkbox" name="progress.withoutGoal" value="yes" defaultChecked={values["progress.withoutGoal"] === "yes"} />
          {t("which.progress.withoutGoal")}
        </label>
      </div>
    </div>
  );
}
