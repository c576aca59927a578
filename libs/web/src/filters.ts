import { DateTime } from 'luxon';

const LONDON = 'Europe/London';
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A luxon DateTime in London for a `YYYY-MM-DD` date, an ISO instant or a Date; null when not one. */
function toLondon(value: unknown): DateTime | null {
  let dt: DateTime | null = null;
  if (value instanceof Date) dt = DateTime.fromJSDate(value, { zone: LONDON });
  else if (DateTime.isDateTime(value)) dt = value.setZone(LONDON);
  else if (typeof value === 'string' && CALENDAR_DATE.test(value)) dt = DateTime.fromISO(value, { zone: LONDON });
  else if (typeof value === 'string' && value.trim() !== '') dt = DateTime.fromISO(value, { setZone: true }).setZone(LONDON);
  return dt && dt.isValid ? dt.setLocale('en-GB') : null;
}

/**
 * GOV.UK date style: "1 March 2027". Calendar dates (`YYYY-MM-DD`) are shown as written;
 * instants are shown as the date in Europe/London. Anything else renders as an empty string.
 */
export function formatDate(value: unknown): string {
  if (typeof value === 'string' && CALENDAR_DATE.test(value)) return formatCalendarDate(value);
  const dt = toLondon(value);
  return dt ? dt.toFormat('d MMMM yyyy') : '';
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A `YYYY-MM-DD` date as written ("1 March 2027"), or '' when there is no such day. A calendar
 * date has no time or zone, so no time-zone arithmetic is needed: a page of 25 deadlines spent
 * half its render time in luxon's zone offsets before this.
 */
function formatCalendarDate(value: string): string {
  const [year, month, day] = value.split('-').map(Number);
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return '';
  return `${day} ${MONTHS[month - 1]} ${String(year).padStart(4, '0')}`;
}

/** GOV.UK time style: "9am", "2:30pm", "midday", "midnight" (Europe/London). */
export function formatTime(value: unknown): string {
  const dt = toLondon(value);
  if (!dt) return '';
  if (dt.hour === 0 && dt.minute === 0) return 'midnight';
  if (dt.hour === 12 && dt.minute === 0) return 'midday';
  const hour = dt.hour % 12 === 0 ? 12 : dt.hour % 12;
  const minutes = dt.minute === 0 ? '' : `:${String(dt.minute).padStart(2, '0')}`;
  return `${hour}${minutes}${dt.hour < 12 ? 'am' : 'pm'}`;
}

/** "1 March 2027 at 2:30pm" for an instant (Europe/London). */
export function formatDateTime(value: unknown): string {
  const date = formatDate(value);
  return date ? `${date} at ${formatTime(value)}` : '';
}

/** A whole number GOV.UK style, with thousands separators: 1400 → "1,400". Anything else as it is. */
export function formatNumber(value: unknown): string {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n.toLocaleString('en-GB') : value === null || value === undefined ? '' : String(value);
}

/**
 * A file size people can read: "512 bytes", "1 byte", "2 KB", "1.2 MB" (1 KB = 1,024 bytes,
 * at most one decimal place). Anything that is not a
 * non-negative number renders as an empty string.
 */
export function formatFileSize(value: unknown): string {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) return '';
  if (n < 1024) return n === 1 ? '1 byte' : `${formatNumber(Math.round(n))} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let size = n / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  // Rounding may carry into the next unit: 1023.96 KB is "1 MB", not "1024 KB".
  if (Number(size.toFixed(1)) >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${Number(size.toFixed(1))} ${units[unit]}`;
}

/** One entry of a page's contents list: the section heading's anchor and its (already escaped) text. */
export interface ContentsEntry {
  href: string;
  html: string;
}

const SECTION_HEADING = /<h2\b[^>]*\bclass="[^"]*\bgovuk-heading-m\b[^"]*"[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h2>/g;

/**
 * The contents of a rendered page part: each `govuk-heading-m` section heading with an id, in
 * order. Built from the markup itself, so the list names exactly the sections the page shows
 * (which depend on the viewer and the journey) without repeating their conditions. The text is
 * the heading's own escaped markup with any tags removed, so it is output as it is.
 */
export function pageContents(html: unknown): ContentsEntry[] {
  if (typeof html !== 'string' && !(html instanceof String)) return [];
  return [...String(html).matchAll(SECTION_HEADING)].map((m) => ({
    href: `#${m[1]}`,
    html: m[2]
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}
