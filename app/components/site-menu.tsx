import { useLocation } from "react-router";

/**
 * The header's links and buttons, folded behind one "Menu" button when the text is
 * large for the screen (styles.css decides, so server and browser draw the same and
 * it works without JavaScript). The items sit next to the <details>, not inside it,
 * so that with normal text they show without the button: most browsers cannot show
 * what is inside a closed <details>.
 */
export function SiteMenu({ label, children }: { label: string; children: React.ReactNode }) {
  const { pathname } = useLocation();
  return (
    <>
      {/* A new page closes the menu, as a full page load would. */}
      <details className="site-menu" key={pathname}>
        <summary>
          <svg aria-hidden="true" focusable="false" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round">
            <path d="M4 6h16M4 12h16M4 18h16" />
          </svg>
          {label}
        </summary>
      </details>
      <div className="site-menu-items">{children}</div>
    </>
  );
}
