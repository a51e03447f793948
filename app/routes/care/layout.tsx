import { Outlet, useMatches } from "react-router";
import { SectionNav } from "../../components/section-nav";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/layout";
import type { CareFrame } from "../../plan/care.server";
import { formatDate } from "../../lib/dates";

// The frame around a family's pages for a professional: whose plan, which parts,
// until when. It has no loader of its own. Each page below returns the frame with
// its own data once the gate allowed its read, so a refused page carries nothing of
// the family, not even in the route data of the layout around it.

type FrameData = { frame?: CareFrame };

function frameOf(matches: readonly ({ data?: unknown; loaderData?: unknown } | undefined)[]): CareFrame | null {
  for (const match of [...matches].reverse()) {
    const data = (match?.loaderData ?? match?.data) as FrameData | undefined;
    if (data?.frame) return data.frame;
  }
  return null;
}

export function meta({ matches }: Route.MetaArgs) {
  const frame = frameOf(matches);
  return [{ title: frame ? `${frame.familyName} · Groeiplan` : "Groeiplan" }];
}

export default function CareLayout() {
  const { t, i18n } = useTranslation("care");
  const frame = frameOf(useMatches());
  if (!frame) return <Outlet />;
  const { familyId, familyName, parts, lastDay, teamPage } = frame;
  const base = `/care/${familyId}`;
  const links = [
    { to: base, label: t("nav.overview"), end: true },
    ...parts.map((part) => ({ to: `${base}/${part.path}`, label: t(`parts.${part.section}`), end: false })),
    ...(teamPage ? [{ to: `${base}/team`, label: t("nav.team"), end: false }] : []),
  ];
  return (
    <>
      <p className="meta">
        <strong>{familyName}</strong> · {t("until", { date: formatDate(lastDay, i18n.language) })}
      </p>
      <p className="notice" role="note">
        {t("banner")}
      </p>
      <SectionNav label={t("nav.label")} links={[...links, { to: "/care", label: t("nav.allFamilies"), end: true }]} />
      <Outlet />
    </>
  );
}
