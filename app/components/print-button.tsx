import { useTranslation } from "../use-translation";
import { useBrowserCan } from "../lib/browser-can";

const canPrint = () => typeof window.print === "function";

// Opens the browser's print dialog. Only a browser with JavaScript can do that from
// a button, so the server renders nothing and the button appears after hydration;
// without JavaScript the browser's own menu prints the same page.
export function PrintButton({ className = "button-secondary" }: { className?: string }) {
  const { t } = useTranslation();
  if (!useBrowserCan(canPrint)) return null;
  return (
    <button type="button" className={className} onClick={() => window.print()}>
      {t("print")}
    </button>
  );
}
