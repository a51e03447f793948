import { NavLink, Outlet, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import type { Route } from "./+types/layout";
import { SECTIONS } from "../../../consent/sections";
import { professionalContext } from "../../plan/context.server";
import { activeConsentsOrNotFound, CARE_PATHS } from "../../plan/care.server";
import { formatDate } from "../../lib/dates";
import { lastDay } from "../../consent-views.server";

// The frame around a family's pages for a professional. It shows only the
// professional's own permission (which parts, until when), never plan data, so
// opening it writes nothing to the family's log. Each page below reads its one
// part through the gate, which checks the consent again at that very moment.

export function loader({ request, params }: Route.LoaderArgs) {
  const ctx = professionalContext(request, params.familyId);
  const active = activeConsentsOrNotFound(ctx);
  // Usually one consent; when a family gave two, the widest level and the latest end count.
  const parts = SECTIONS.flatMap((section) => {
    const granting = active.filter((c) => c.scopes[section]);
    if (granting.length === 0) return [];
    const level = granting.some((c) => c.scopes[section] === "write") ? ("write" as const) : ("read" as const);
    return [{ section, level, path: CARE_PATHS[section] }];
  });
  return {
    familyId: ctx.familyId,
    familyName: active[0].familyName,
    parts,
    lastDay: lastDay(Math.max(...active.map((c) => c.endsAt))),
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.familyName} · Groeiplan` : "Groeiplan" }];
}

export default function CareLayout() {
  const { t, i18n } = useTranslation("care");
  const { familyId, familyName, parts, lastDay } = useLoaderData<typeof loader>();
  const base = `/care/${familyId}`;
  const links = [
    { to: base, label: t("nav.overview"), end: true },
    ...parts.map((part) => ({ to: `${base}/${part.path}`, label: t(`parts.${part.section}`), end: false })),
  ];
  return (
    <>
      <p className="meta">
        <strong>{familyName}</strong> · {t("until", { date: formatDate(lastDay, i18n.language) })}
      </p>
      <p className="notice" role="note">
        {t("banner")}
      </p>
      <nav aria-label={t("nav.label")}>
        <ul className="family-nav">
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end}>
                {link.label}
              </NavLink>
            </li>
          ))}
          <li>
            <NavLink to="/care" end>
              {t("nav.allFamilies")}
            </NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
