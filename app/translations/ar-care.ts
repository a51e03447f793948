import { bundle } from "../i18n";

// The texts only professionals' pages use (PROFESSIONAL_NAMESPACES in i18n.ts).
export default bundle(import.meta.glob<Record<string, unknown>>(["../../locales/ar/care.json", "../../locales/ar/invite.json"], { eager: true, import: "default" }));
