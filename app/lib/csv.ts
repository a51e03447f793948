// "Wie keek mee?" as a file ends up in a spreadsheet: every cell is quoted, and a
// cell that a spreadsheet would run as a formula is defused.

/**
 * One CSV cell: always quoted, quotes doubled, and a cell a spreadsheet would run
 * as a formula (= + - @, tab, carriage return) gets a leading single quote.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}
