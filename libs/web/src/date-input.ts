import { isValidCalendarDate, todayInLondon } from '@pathway/domain/calendar/london';
import { field, type FormProblem } from './forms';

export type DatePart = 'day' | 'month' | 'year';
const PARTS: DatePart[] = ['day', 'month', 'year'];

/** What the person typed into a GOV.UK date input, kept to show it again. */
export interface DateInputValues {
  day: string;
  month: string;
  year: string;
}

export interface DateInputResult {
  values: DateInputValues;
  /** `YYYY-MM-DD` when the input holds a real date (and passes the checks asked for). */
  value?: string;
  /** Nothing was typed. */
  empty: boolean;
  /** The problem, for the error summary and the inline message; `parts` are the fields to highlight. */
  problem?: FormProblem & { parts: DatePart[] };
}

export interface DateInputOptions {
  /** The input's name prefix and id: fields are `<name>-day`, `<name>-month`, `<name>-year`. */
  name: string;
  /** How messages name the date, in a sentence: "the planned transfer date" (GOV.UK style). */
  label: string;
  required?: boolean;
  /** Refuse dates before today in Europe/London. */
  notInPast?: boolean;
  /** "Today" for `notInPast` (tests). */
  now?: Date;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `2027-03-01` → `{ day: '1', month: '3', year: '2027' }`; empty parts for no date. */
export function dateInputValues(date: string | null | undefined): DateInputValues {
  if (!date || !isValidCalendarDate(date)) return { day: '', month: '', year: '' };
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * Reads a GOV.UK date input (`<name>-day`, `-month`, `-year`) with the Design System's error
 * messages: "Enter …", "… must include a month", "… must be a real date", "Year must include 4
 * numbers", and (with `notInPast`) "… must be today or in the future".
 */
export function parseDateInput(body: unknown, options: DateInputOptions): DateInputResult {
  const values: DateInputValues = {
    day: field(body, `${options.name}-day`).trim(),
    month: field(body, `${options.name}-month`).trim(),
    year: field(body, `${options.name}-year`).trim(),
  };
  const Label = capitalise(options.label);
  const problem = (text: string, parts: DatePart[]): DateInputResult => ({
    values,
    empty: false,
    problem: { field: options.name, text, href: `#${options.name}-${parts[0]}`, parts },
  });
  const missing = PARTS.filter((p) => values[p] === '');
  if (missing.length === 3) {
    return options.required
      ? {
          values,
          empty: true,
          problem: { field: options.name, text: `Enter ${options.label}`, href: `#${options.name}-day`, parts: [...PARTS] },
        }
      : { values, empty: true };
  }
  if (missing.length) {
    const names = missing.length === 2 ? `a ${missing[0]} and ${missing[1]}` : `a ${missing[0]}`;
    return problem(`${Label} must include ${names}`, missing);
  }
  const notNumbers = PARTS.filter((p) => !/^\d+$/.test(values[p]));
  if (notNumbers.length) return problem(`${Label} must be a real date`, notNumbers);
  if (values.year.length !== 4) return problem('Year must include 4 numbers', ['year']);
  const iso = `${values.year}-${values.month.padStart(2, '0')}-${values.day.padStart(2, '0')}`;
  if (values.day.length > 2 || values.month.length > 2 || !isValidCalendarDate(iso)) {
    const month = Number(values.month);
    return problem(`${Label} must be a real date`, month < 1 || month > 12 || values.month.length > 2 ? ['month'] : ['day']);
  }
  if (options.notInPast && iso < todayInLondon(options.now ?? new Date())) {
    return problem(`${Label} must be today or in the future`, [...PARTS]);
  }
  return { values, value: iso, empty: false };
}

/**
 * The `items` for `govukDateInput`, showing what was typed and highlighting the parts in error
 * (all three when the problem is with the whole date).
 */
export function dateInputItems(values: DateInputValues, errorParts: DatePart[] = []) {
  return PARTS.map((part) => ({
    name: part,
    label: capitalise(part),
    value: values[part],
    classes: `govuk-input--width-${part === 'year' ? 4 : 2}`,
    error: errorParts.includes(part),
  }));
}
