import { z } from "zod";
import { NETWORK_KINDS } from "../../db/values";
import { choice, optionalText, phone, text } from "../lib/forms";

export const networkSchema = z.object({
  name: text(100),
  kind: choice(NETWORK_KINDS),
  // Relation (informal) or role (professional), in the family's own words.
  relation: optionalText(100),
  organisation: optionalText(100),
  phone: phone(),
});
