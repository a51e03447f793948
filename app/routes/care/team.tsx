import { useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/team";
import { professionalContext, readSection } from "../../plan/context.server";
import { careFrame } from "../../plan/care.server";
import { teamOf, teamRecordIds } from "../../plan/team.server";
import { TeamList } from "../../components/team-list";

// "Wie doet wat?" for a professional: who else works with this family and who the
// coach is, while the family keeps this page on (else a 404 like any refusal). Of
// the steps only their own and those of goals they were given. One read through
// the gate, logged with every person and step it showed.

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = professionalContext({ request, context }, params.familyId);
  const team = readSection(ctx, "team", (db, familyId, grants) => teamOf(db, familyId, grants, ctx.user.id), teamRecordIds);
  return { frame: careFrame(ctx), familyId: ctx.familyId, people: team.people };
}

export default function CareTeam() {
  const { t } = useTranslation("team");
  const { familyId, people } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p>{t("care.intro")}</p>
      <TeamList people={people} goalLink={(goalId) => `/care/${familyId}/goals#goal-${goalId}`} />
    </div>
  );
}
