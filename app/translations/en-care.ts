import { bundle } from "../i18n";

// The texts only professionals' pages use (PROFESSIONAL_NAMESPACES in i18n.ts).
export default bundle(import.meta.glob<Record<string, unknown>>(["../../locales/en/care.json", "../../locales/en/invite.json"], { eager: true, import: "default" }));
