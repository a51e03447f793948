import type { TFunction } from "i18next";

/**
 * Who wrote something, as a page shows it. A removed account (ADR 013) has no name
 * left to show: what they wrote stays, "by a former family member". Pages pass the
 * name and the flag the plan's queries return next to each other.
 */
export function authorName(t: TFunction, author: { name: string | null; former: boolean }, at: "start" | "inside" = "start"): string {
  if (!author.former) return author.name ?? "";
  return at === "start" ? t("common:formerMemberStart") : t("common:formerMember");
}
