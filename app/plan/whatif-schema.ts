import { z } from "zod";
import { optionalDate, optionalText, text } from "../lib/forms";

// Old phones without a date picker send what was typed. Accept the way people in
// the Netherlands write a date (14-03-2026, 14/3/2026, 14.3.2026) and store it as
// 2026-03-14, so the example in the error message really works.
function fromDayMonthYear(value: unknown) {
  if (typeof value !== "string") return value;
  const match = value.trim().match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/);
  return match ? `${match[3]}-${match[2].padStart(2, "0")}-${match[1].padStart(2, "0")}` : value;
}

/** One wat-als agreement as stored and shown. */
export type WhatIfInput = {
  situation: string;
  earlySigns: string;
  actions: string;
  informs: string;
  phones: string;
  lastCheckedOn: string | null;
};

/** A stored agreement as it is shown: its words, not its bookkeeping. */
export type WhatIfView = WhatIfInput & { id: string };

export const whatIfSchema = z.object({
  situation: text(300),
  earlySigns: optionalText(1000),
  actions: optionalText(1000),
  informs: optionalText(1000),
  // Free text: families write several numbers with names ("Oma Ria 06 ...").
  phones: optionalText(300),
  lastCheckedOn: z.preprocess(fromDayMonthYear, optionalDate()),
});
