// Where to send someone after signing in or switching language: only somewhere on
// this site. A browser reads "/<TAB>/evil.example/" or "/\evil.example" as an
// address on another site, so the value is not judged by how it starts but by
// where the URL parser (the same rules as the browser's) takes it. The answer is
// the parsed path, so it never holds a character that cannot go in a header.
const SELF = "http://groeiplan.self";
const MAX_LENGTH = 2000;

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > MAX_LENGTH) return fallback;
  let url: URL;
  try {
    url = new URL(to, SELF);
  } catch {
    return fallback;
  }
  if (url.origin !== SELF) return fallback;
  return url.pathname + url.search + url.hash;
}
