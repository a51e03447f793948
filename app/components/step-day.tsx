import { useTranslation } from "../use-translation";
import { formatDay } from "../lib/dates";

/** A step's day in words: "op dinsdag 8 december", or "van … tot en met …". */
export function useStepDay() {
  const { t, i18n } = useTranslation("goals");
  return (step: { startsOn: string | null; endsOn: string | null }): string | null => {
    if (!step.startsOn) return null;
    const from = formatDay(step.startsOn, i18n.language);
    return step.endsOn ? t("steps.dayRange", { from, to: formatDay(step.endsOn, i18n.language) }) : t("steps.dayOne", { day: from });
  };
}
