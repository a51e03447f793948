import { NavLink } from "react-router";

export type NavItem = { to: string; label: string; end?: boolean };

/** The row of big links over a family's pages, for the family and for a professional alike. */
export function SectionNav({ label, links }: { label: string; links: NavItem[] }) {
  return (
    <nav aria-label={label}>
      <ul className="family-nav">
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
