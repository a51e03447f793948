import { Outlet, useLoaderData } from "react-router";
import { SectionNav } from "../../components/section-nav";
import { useTranslation } from "../../use-translation";
import type { Route } from "./+types/layout";
import { familyContext, readSection } from "../../plan/context.server";
import { familyFrame } from "../../plan/families.server";

export function loader({ request, params, context }: Route.LoaderArgs) {
  const ctx = familyContext({ request, context }, params.familyId);
  return readSection(ctx, "family", (db, familyId) => familyFrame(db, familyId, ctx.access.role));
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.family.name} · Groeiplan` : "Groeiplan" }];
}

export default function FamilyLayout() {
  const { t } = useTranslation("family");
  const { family } = useLoaderData<typeof loader>();
  const base = `/f/${family.id}`;
  const links = [
    { to: base, label: t("nav.plan"), end: true },
    { to: `${base}/progress`, label: t("nav.progress") },
    { to: `${base}/what-ifs`, label: t("nav.whatIfs") },
    { to: `${base}/network`, label: t("nav.network") },
    { to: `${base}/members`, label: t("nav.members") },
    { to: `${base}/access`, label: t("nav.access") },
  ];
  return (
    <>
      <p className="meta family-name">{family.name}</p>
      <SectionNav label={t("nav.label")} links={links} />
      <Outlet />
    </>
  );
}
