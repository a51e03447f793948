// A page with several forms names each form's intent once and gives each its own
// function. The intent comes from the form, so it is looked up as an own key only:
// "constructor" or "__proto__" is an unknown intent like any other word.

/** The form's intent, or "" when it sent none. */
export function intentOf(formData: FormData): string {
  const value = formData.get("intent");
  return typeof value === "string" ? value : "";
}

/** The function for this intent, or null for an intent the page does not have. */
export function handlerFor<H extends Record<string, unknown>>(handlers: H, intent: string): H[keyof H] | null {
  return Object.hasOwn(handlers, intent) ? handlers[intent as keyof H] : null;
}
