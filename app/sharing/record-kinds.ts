// The kinds of record a log entry names, shared by the server that finds them and
// the page that counts them ("3 doelen en 2 notities").
export const RECORD_KINDS = ["goal", "step", "strength", "note", "whatif", "person"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
