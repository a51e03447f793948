import { bundle } from "../i18n";

// One language's texts for the family's pages, loaded by the browser only when a page
// in this language hydrates. Mail texts are only ever used on the server, and the
// professionals' pages have their own chunk (nl-care.ts).
export default bundle(
  import.meta.glob<Record<string, unknown>>(["../../locales/nl/*.json", "!**/mail.json", "!**/care.json", "!**/invite.json"], { eager: true, import: "default" }),
);
