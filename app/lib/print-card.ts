// A wat-als card has to fit on one A4 sheet: in a bad moment nobody turns the page.
// Most agreements are short and get big letters; a long one gets smaller letters
// rather than a second sheet. The server picks the size from the text, so the card
// is right without JavaScript and in any browser's print.

export type CardSize = "l" | "m" | "s" | "xs";

type Card = { situation: string; earlySigns: string; actions: string; informs: string; phones: string };

// Font sizes in points, as in the print styles (app/styles.css, .print-card[data-size]).
// "who" is who does what and who tells whom, a size up from the rest; at the smallest
// size there is no room for that, so it is only bold.
const SIZES: Record<CardSize, { body: number; who: number; title: number; phone: number }> = {
  l: { body: 14, who: 17, title: 24, phone: 24 },
  m: { body: 12, who: 14, title: 20, phone: 20 },
  s: { body: 10.5, who: 12, title: 17, phone: 17 },
  xs: { body: 9, who: 9, title: 14, phone: 14 },
};

const MM_PER_PT = 25.4 / 72;
// A4 minus the page margins (15 mm) and the card's border and padding (8 mm).
const TEXT_WIDTH_MM = 210 - 2 * 15 - 2 * 9;
const TEXT_HEIGHT_MM = 297 - 2 * 15 - 2 * 9;
// The family name, the 112 line, "samen bekeken op", the day it was printed and the space around them.
const FIXED_MM = 38;
// An average letter is about half as wide as it is high; a bold one wider. 1.15 keeps
// each size within what Chromium really prints on one sheet (measured at each size's limit).
const LETTER = 0.5;
const BOLD = 1.15;

function lines(text: string, perLine: number): number {
  return text.split("\n").reduce((sum, line) => sum + Math.max(1, Math.ceil(line.trim().length / perLine)), 0);
}

function heightMm(card: Card, size: CardSize): number {
  const { body, who, title, phone } = SIZES[size];
  const perLine = (pt: number) => Math.floor(TEXT_WIDTH_MM / (pt * MM_PER_PT * LETTER));
  const parts = [card.earlySigns, card.actions, card.informs, card.phones].filter((text) => text.trim() !== "");
  const heading = parts.length * (body * MM_PER_PT * 1.4 + 7);
  const signs = card.earlySigns ? lines(card.earlySigns, perLine(body)) : 0;
  const whoLines = [card.actions, card.informs].filter(Boolean).reduce((sum, text) => sum + lines(text, perLine(who * BOLD)), 0);
  const phoneLines = card.phones ? lines(card.phones, perLine(phone * 0.85)) : 0;
  return (
    FIXED_MM +
    lines(card.situation, perLine(title)) * title * MM_PER_PT * 1.25 +
    heading +
    signs * body * MM_PER_PT * 1.4 +
    whoLines * who * MM_PER_PT * 1.4 +
    phoneLines * phone * MM_PER_PT * 1.6
  );
}

/** The biggest letters with which this agreement still fits on one sheet. */
export function cardSize(card: Card): CardSize {
  return (["l", "m", "s"] as const).find((size) => heightMm(card, size) <= TEXT_HEIGHT_MM) ?? "xs";
}
