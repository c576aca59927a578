/**
 * CSV formula injection (CWE-1236): a spreadsheet runs a cell that begins with `=`, `+`, `-` or
 * `@` (and some also treat a leading tab or carriage return that way) as a formula. Names are
 * user input, so such cells get a leading single quote, which spreadsheets show as text.
 * Applied to every text cell; numbers are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
