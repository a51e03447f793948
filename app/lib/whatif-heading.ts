/**
 * "Als papa boos wordt": the family may already have started their situation with
 * "Als" (or "If", "إذا", "لو") themselves. Then the page shows it as they wrote it,
 * instead of putting a second "Als" in front.
 */
function startsWithIf(situation: string): boolean {
  return /^(als|if|إذا|اذا|لو)(?=\s|$)/iu.test(situation.trim());
}

/** The heading of a wat-als agreement, wherever it is shown. */
export function whatIfHeading(t: (key: "whatifs:list.if", options: { situation: string }) => string, situation: string): string {
  return startsWithIf(situation) ? situation : t("whatifs:list.if", { situation });
}
