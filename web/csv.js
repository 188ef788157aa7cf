// CSV text (RFC 4180) for the result tables. Used by the worker (every row of a preview) and by
// the page (the scenario table); nothing here touches the DOM.

// A cell a spreadsheet would read as a formula (=, +, -, @, or a leading tab / carriage return)
// gets a leading apostrophe, so that opening the file runs nothing (OWASP "CSV injection").
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// columns: [{ key, title }]; records: objects holding those keys. One header row, then a row per record.
export function csvText(columns, records) {
  return columns.map((c) => csvCell(c.title)).join(",") + "\r\n" + csvRows(columns, records);
}

// The rows alone (no header), for a file written a chunk of records at a time.
export function csvRows(columns, records) {
  let out = "";
  for (const r of records) out += columns.map((c) => csvCell(r[c.key])).join(",") + "\r\n";
  return out;
}
