/**
 * "Als papa boos wordt": the family may already have started their situation with
 * "Als" (or "If", "إذا", "لو") themselves. Then the page shows it as they wrote it,
 * instead of putting a second "Als" in front.
 */
export function startsWithIf(situation: string): boolean {
  return /^(als|if|إذا|اذا|لو)(?=\s|$)/iu.test(situation.trim());
}
