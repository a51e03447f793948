import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/delete";
import type { GateSection } from "../../../consent/gate";
import type { DB } from "../../../db/client.server";
import { familyContext, readSection, writeSection, notFound } from "../../plan/context.server";
import { deleteGoal, deleteStep, getGoal, getStep } from "../../plan/goals.server";
import { deleteWhatIf, getWhatIf } from "../../plan/whatifs.server";
import { deleteProgressNote, getProgressNote } from "../../plan/progress.server";
import { deleteNetworkPerson, getNetworkPerson } from "../../plan/network.server";
import { deleteStrength, getStrength } from "../../plan/strengths.server";
import { calmWhenStorageFails } from "../../lib/storage.server";
import { FormError } from "../../components/fields";

// One confirmation page for everything that can be deleted, so "are you sure?"
// looks and works the same everywhere, also without JavaScript.
type Deletable = {
  section: GateSection;
  describe: (db: DB, familyId: string, id: string) => { text: string; back: string } | null;
  remove: (db: DB, familyId: string, userId: string, id: string) => boolean;
  after: (familyId: string, back: string) => string;
};

// A Map: the kind comes from the address, and a plain object would also answer to
// "constructor" or "__proto__".
const deletables = new Map<string, Deletable>(Object.entries({
  goal: {
    section: "goals",
    describe: (db, familyId, id) => {
      const goal = getGoal(db, familyId, id);
      return goal ? { text: goal.title, back: `goals/${id}` } : null;
    },
    remove: deleteGoal,
    after: (familyId) => `/f/${familyId}`,
  },
  step: {
    section: "goals",
    describe: (db, familyId, id) => {
      const step = getStep(db, familyId, id);
      return step ? { text: step.what, back: `goals/${step.goalId}` } : null;
    },
    remove: deleteStep,
    after: (familyId, back) => `/f/${familyId}/${back}#steps`,
  },
  strength: {
    section: "strengths",
    describe: (db, familyId, id) => {
      const strength = getStrength(db, familyId, id);
      return strength ? { text: strength.text, back: `strengths/${id}` } : null;
    },
    remove: deleteStrength,
    after: (familyId) => `/f/${familyId}/strengths`,
  },
  whatif: {
    section: "whatifs",
    describe: (db, familyId, id) => {
      const whatIf = getWhatIf(db, familyId, id);
      return whatIf ? { text: whatIf.situation, back: `what-ifs/${id}` } : null;
    },
    remove: deleteWhatIf,
    after: (familyId) => `/f/${familyId}/what-ifs`,
  },
  progress: {
    section: "progress",
    describe: (db, familyId, id) => {
      const note = getProgressNote(db, familyId, id);
      return note ? { text: note.text, back: "progress" } : null;
    },
    remove: deleteProgressNote,
    after: (familyId) => `/f/${familyId}/progress`,
  },
  network: {
    section: "network",
    describe: (db, familyId, id) => {
      const person = getNetworkPerson(db, familyId, id);
      return person ? { text: person.name, back: `network/${id}` } : null;
    },
    remove: deleteNetworkPerson,
    after: (familyId) => `/f/${familyId}/network`,
  },
} satisfies Record<string, Deletable>));

function find(entity: string) {
  const deletable = deletables.get(entity);
  if (!deletable) throw notFound();
  return deletable;
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  const deletable = find(params.entity);
  const item = readSection(ctx, deletable.section, (db, familyId) => deletable.describe(db, familyId, params.id));
  if (!item) throw notFound();
  return { entity: params.entity, familyId: ctx.familyId, ...item };
}

export const action = calmWhenStorageFails(async ({ request, params, context }: Route.ActionArgs) => {
  const ctx = familyContext({ request, context }, params.familyId);
  const deletable = find(params.entity);
  const back = writeSection(ctx, deletable.section, (db, familyId, userId) => {
    const item = deletable.describe(db, familyId, params.id);
    if (!item || !deletable.remove(db, familyId, userId, params.id)) return null;
    return item.back;
  });
  if (back === null) throw notFound();
  return redirect(deletable.after(ctx.familyId, back));
});

export default function ConfirmDelete() {
  const { t } = useTranslation("common");
  const { entity, familyId, text, back } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card">
      <h1>{t(`delete.title.${entity}`)}</h1>
      <p className="own-words" dir="auto">{text}</p>
      <p>{t("delete.explain")}</p>
      <FormError errors={result?.errors} />
      <Form method="post" className="actions">
        <button type="submit" className="button-danger">
          {t("delete.confirm")}
        </button>
        <Link to={`/f/${familyId}/${back}`} className="button-secondary">
          {t("delete.cancel")}
        </Link>
      </Form>
    </section>
  );
}
