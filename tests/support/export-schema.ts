import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";

// The "Download alles" schema we publish in docs/, compiled strictly, so a test can
// check a real download the way someone else's program would.

const schema = JSON.parse(readFileSync(new URL("../../docs/export.schema.json", import.meta.url), "utf8"));
const ajv = new Ajv2020({
  strict: true,
  allErrors: true,
  formats: {
    "date-time": (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) && !Number.isNaN(Date.parse(value)),
    date: /^\d{4}-\d\d-\d\d$/,
  },
});

export const validateExport = ajv.compile(schema);
