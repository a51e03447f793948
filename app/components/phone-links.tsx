// Turns phone numbers inside the family's own text into tap-to-call links, and
// leaves every other word exactly as they wrote it.
const NUMBER = /(\+?[0-9][0-9 ()-]{5,}[0-9])/g;

export function PhoneLinks({ text }: { text: string }) {
  const parts = text.split(NUMBER);
  return (
    <span className="pre">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={`tel:${part.replace(/[^+0-9]/g, "")}`} className="phone">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </span>
  );
}
