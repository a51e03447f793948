import { data, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/progress";
import { activeConsentFor } from "../../../consent/gate";
import { professionalContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { careFrame } from "../../plan/care.server";
import { createProgressNote } from "../../plan/progress.server";
import { progressPart } from "../../plan/parts.server";
import { progressSchema } from "../../plan/schemas";
import { parseForm } from "../../lib/forms";
import { formatDateTime } from "../../lib/dates";
import { ProgressForm } from "../../components/progress-form";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { authorName } from "../../components/author-name";
import { Notice } from "../../components/notice";

// The family's progress notes: one read through the gate, one entry in the log.
// With "mag ook schrijven" the professional adds a note; it shows their name and
// organisation, like every note.
//
// A note by a professional is not tied to a goal: picking one would need a second
// read (of the goals), and this page reads one part only. A goal's title next to a
// note is shown only to someone who may see the goals as well.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = professionalContext({ request, context }, params.familyId);
  const { notes, canWrite } = readSection(
    ctx,
    "progress",
    (db, familyId, grants) => ({ notes: progressPart(db, familyId, grants), canWrite: grants.writes("progress") }),
    (value) => value.notes.map((note) => note.id),
  );
  return { frame: careFrame(ctx), notes, canWrite };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = professionalContext({ request, context }, params.familyId);
  // Without "mag ook schrijven" this page does not take posts at all, not even bad ones.
  if (!activeConsentFor(ctx.db, ctx.access, "progress", "write")) throw notFound();
  const parsed = parseForm(await request.formData(), progressSchema);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const created = writeSection(
    ctx,
    "progress",
    (db, familyId, userId) => createProgressNote(db, familyId, userId, { ...parsed.data, goalId: null }),
    { action: "create" },
  );
  if ("error" in created) throw notFound();
  return redirect(`/care/${ctx.familyId}/progress?saved=1`);
});

export default function CareProgress() {
  const { t, i18n } = useTranslation("progress");
  const { notes, canWrite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <h1>{t("page.title")}</h1>
      <p>{t("care:progress.intro")}</p>

      {canWrite ? (
        <section className="card" aria-labelledby="add-progress">
          <h2 id="add-progress">{t("care:progress.add")}</h2>
          {params.get("saved") ? (
            <Notice>
              {t("care:progress.saved")}
            </Notice>
          ) : null}
          <p>{t("care:progress.addIntro")}</p>
          <ProgressForm goals={[]} errors={result?.errors} values={result?.values} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="progress-list">
        <h2 id="progress-list">{t("page.list")}</h2>
        {notes.length === 0 ? <p>{t("care:progress.none")}</p> : null}
        <ul className="list">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="pre" dir="auto">{note.text}</p>
              {note.mood ? <p>{t("page.mood", { mood: t(`moodWords.${note.mood}`) })}</p> : null}
              {note.goalTitle ? (
                <p className="meta">
                  {t("page.about")} <span className="pre" dir="auto">{note.goalTitle}</span>
                </p>
              ) : null}
              <p className="meta">
                {note.authorOrganisation
                  ? t("page.byOrganisation", { name: note.authorName, organisation: note.authorOrganisation })
                  : t("page.by", { name: authorName(t, { name: note.authorName, former: note.authorFormer }) })}{" "}
                · <time dateTime={new Date(note.createdAt).toISOString()}>{formatDateTime(note.createdAt, i18n.language)}</time>
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
