import type { Route } from "./+types/export-json";
import { familyContext, readSection } from "../../plan/context.server";
import { exportFor } from "../../plan/export.server";
import { checkedReceipt } from "../../sharing/receipt.server";
import { calendarDay } from "../../lib/dates";

// "Download alles" as one file (ADR 015, docs/export.schema.json). An admin gets the
// whole family, with the log's signed receipt; anyone else gets what they wrote.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const chosen = readSection(ctx, "family", (db, familyId) => exportFor(db, familyId, ctx.access, new URL(request.url).searchParams.get("what")));
  // The signed newest entry of the log, so whoever holds the file can later show
  // the log was not shortened (ADR 009). Null while nobody has looked.
  const exported = chosen?.kind === "family" ? { ...chosen, receipt: checkedReceipt(ctx.db, ctx.familyId).receipt } : chosen;
  if (!exported) throw new Response("Not Found", { status: 404 });
  const day = calendarDay(Date.now());
  return new Response(`${JSON.stringify(exported, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="groeiplan-${exported.kind === "family" ? "gezin" : "mijn-deel"}-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
