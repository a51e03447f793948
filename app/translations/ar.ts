import { bundle } from "../i18n";

// Every namespace of one language in one chunk, loaded by the browser only when
// a page in this language hydrates.
export default bundle(import.meta.glob<Record<string, unknown>>("../../locales/ar/*.json", { eager: true, import: "default" }));
