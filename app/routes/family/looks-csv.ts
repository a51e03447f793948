import type { Route } from "./+types/looks-csv";
import { familyContext } from "../../plan/context.server";
import { calendarDay } from "../../lib/dates";
import { csvLine } from "../../lib/csv";
import { listLogEntries, parseLogFilters } from "../../sharing/looks.server";
import { recordsByIds, type SeenRecord } from "../../sharing/visits.server";
import { languageFromRequest } from "../../i18n";
import { serverI18n } from "../../i18n.server";

// "Wie keek mee?" as a file the family can keep or hand to someone who helps them.
// Same filters as the page, all matching entries, oldest last. Members only.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const { filters } = parseLogFilters(new URL(request.url));
  const t = serverI18n(languageFromRequest(request)).getFixedT(null, "looks");
  const entries = listLogEntries(ctx.db, ctx.familyId, { ...filters, before: null });
  const records = recordsByIds(ctx.db, ctx.familyId, entries.flatMap((entry) => entry.recordIds));
  const titleOf = (record: SeenRecord | undefined) =>
    record ? `${t(`visit.kind.${record.kind}`)}: ${record.title ?? t("visit.removed")}` : t("visit.removed");

  const lines = [
    csvLine([
      t("csv.time"),
      t("csv.person"),
      t("csv.organisation"),
      t("csv.part"),
      t("csv.action"),
      t("csv.channel"),
      t("csv.records"),
      t("csv.titles"),
      t("csv.consent"),
      t("csv.version"),
      t("csv.ip"),
    ]),
    ...entries.map((entry) =>
      csvLine([
        new Date(entry.at).toISOString(),
        entry.actorName,
        entry.organisation,
        t(`csv.parts.${entry.section}`, { defaultValue: entry.section }),
        t(`csv.actions.${entry.action}`, { defaultValue: entry.action }),
        t(`channel.${entry.channel}`, { defaultValue: entry.channel }),
        entry.recordIds.join(" "),
        entry.recordIds.map((id) => titleOf(records.get(id))).join(" | "),
        entry.consentId,
        entry.consentVersion,
        entry.ip,
      ]),
    ),
  ];
  // A byte-order mark, so spreadsheet programs read the file as UTF-8.
  const body = `\uFEFF${lines.join("\r\n")}\r\n`;
  // A header carries only ASCII: an Arabic name goes in filename* (RFC 6266), with a
  // plain name for programs that do not read it.
  const day = calendarDay(Date.now());
  const name = `${t("csv.filename")}-${day}.csv`;
  const disposition = /^[\x20-\x7e]+$/.test(name)
    ? `attachment; filename="${name}"`
    : `attachment; filename="groeiplan-${day}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": disposition,
      "Cache-Control": "private, no-store",
    },
  });
}
