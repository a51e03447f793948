// A short name for the device a session started on ("Chrome · Android"), so a
// person recognises it in "Mijn account". Only the name is kept, never the whole
// User-Agent: it says more about a person's device than the list needs.

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "Mac"],
  [/CrOS/, "Chromebook"],
  [/Linux/, "Linux"],
];

function first(list: [RegExp, string][], text: string): string | null {
  return list.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** "Chrome · Android", or "" when the browser says nothing we know. */
export function deviceName(userAgent: string | null): string {
  if (!userAgent) return "";
  return [first(BROWSERS, userAgent), first(SYSTEMS, userAgent)].filter(Boolean).join(" · ");
}

export function deviceOf(request: Request): string {
  return deviceName(request.headers.get("User-Agent"));
}
