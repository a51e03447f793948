// Turns phone numbers inside the family's own text into big tap-to-call links, and
// leaves every other word exactly as they wrote it.
// A number: an optional +, then digits with spaces, dashes or brackets between them.
const NUMBER = /(\+?\d[\d ()-]*\d)/g;
// Three digits is enough for 112; "om 8 uur" or "na 17" stays text.
const MIN_DIGITS = 3;

function telHref(number: string): string {
  // "+31 (0)6 ..." is dialled without the (0).
  const dialled = number.startsWith("+") ? number.replace(/\(0\)/g, "") : number;
  return `tel:${dialled.replace(/[^+0-9]/g, "")}`;
}

export function PhoneLinks({ text }: { text: string }) {
  const parts = text.split(NUMBER);
  return (
    <span className="pre" dir="auto">
      {parts.map((part, index) =>
        index % 2 === 1 && part.replace(/\D/g, "").length >= MIN_DIGITS ? (
          <a key={index} href={telHref(part)} className="phone">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </span>
  );
}
