import { useLoaderData } from "react-router";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/whatifs";
import { professionalContext, readSection } from "../../plan/context.server";
import { careFrame } from "../../plan/care.server";
import { whatIfsPart } from "../../plan/parts.server";
import { WhatIfCard } from "../../components/whatif-card";

// The family's wat-als agreements, read only: one read through the gate, one entry
// in the family's log. How often each was used shows here; how it went, in the
// family's words, does not (whatIfsPart never reads it).

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = professionalContext({ request, context }, params.familyId);
  const read = readSection(ctx, "whatifs", whatIfsPart);
  return { frame: careFrame(ctx), whatIfs: read };
}

export default function CareWhatIfs() {
  const { t } = useTranslation("whatifs");
  const { whatIfs } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p>{t("care:whatIfs.intro")}</p>
      {whatIfs.length === 0 ? <p>{t("care:whatIfs.none")}</p> : null}
      {whatIfs.map((w) => (
        <WhatIfCard key={w.id} whatIf={w} uses={w.uses} />
      ))}
    </div>
  );
}
