import { z } from "zod";
import { optionalDate, optionalText, text } from "../lib/forms";

export const whatIfSchema = z.object({
  situation: text(300),
  earlySigns: optionalText(1000),
  actions: optionalText(1000),
  informs: optionalText(1000),
  // Free text: families write several numbers with names ("Oma Ria 06 ...").
  phones: optionalText(300),
  lastCheckedOn: optionalDate(),
});
