import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../app/lib/csv";

// "Wie keek mee?" as CSV ends up in a spreadsheet. A cell that starts like a
// formula would run there (CSV injection): = + - @, and a tab or carriage return,
// which some programs skip before they look.

describe("CSV cells", () => {
  it("quote every cell and double the quotes inside", () => {
    expect(csvCell('Sanne "juf" de Boer')).toBe('"Sanne ""juf"" de Boer"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(3)).toBe('"3"');
    expect(csvLine(["a", "b,c"])).toBe('"a","b,c"');
  });

  it("defuse everything a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const cell = csvCell(`${start}HYPERLINK("http://evil.example")`);
      expect(cell, JSON.stringify(start)).toBe(`"'${start}HYPERLINK(""http://evil.example"")"`);
    }
    // Text that only contains such a sign further on is left as written.
    expect(csvCell("Oma Ria + buurvrouw")).toBe('"Oma Ria + buurvrouw"');
  });
});
