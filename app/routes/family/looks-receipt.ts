import type { Route } from "./+types/looks-receipt";
import { redirect } from "react-router";
import { familyContext } from "../../plan/context.server";
import { calendarDay } from "../../lib/dates";
import { familyReceipt } from "../../sharing/receipt.server";

// The family's receipt for "Wie keek mee?" as a file to keep (ADR 009): the newest
// entry of its log, signed outside the database, with the public key to check it.
// Whoever later holds this file can tell whether the log was shortened or rewritten.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const receipt = familyReceipt(ctx.db, ctx.familyId);
  // Nothing to prove yet (nobody looked), or a log that no longer holds what was
  // witnessed: the page says which.
  if (!receipt) return redirect(`/f/${ctx.familyId}/looks`);
  return new Response(`${JSON.stringify(receipt, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="groeiplan-bewijs-${calendarDay(Date.now())}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
