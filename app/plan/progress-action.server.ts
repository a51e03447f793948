import { data } from "react-router";
import { parseForm } from "../lib/forms";
import { writeSection, type FamilyContext } from "./context.server";
import { createProgressNote } from "./progress.server";
import { progressSchema } from "./schemas";

/**
 * The "Hoe ging het vandaag?" form posts here from the plan and the progress page.
 * Returns null when the note was saved, or the 400 answer with field messages.
 */
export function saveProgressNote(ctx: FamilyContext, formData: FormData) {
  const parsed = parseForm(formData, progressSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const created = writeSection(ctx, "progress", (db, familyId, userId) => createProgressNote(db, familyId, userId, parsed.data));
  if ("error" in created) {
    return data({ errors: { goalId: "errors.choose" } as Record<string, string>, values: parsed.values }, { status: 400 });
  }
  return null;
}
