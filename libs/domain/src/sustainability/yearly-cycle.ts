/**
 * The yearly cycle of an operating mutual: each year of operation gets its yearly tasks
 * (confirmation statement, accounts, the CIC report or a society's annual return, the annual
 * results return, the staff survey, the AGM), each anchored on the date that really drives it
 * (the entity's incorporation date and accounting reference date, the transfer date, the UK
 * financial year) and chosen by the journey's legal form and nation.
 *
 * The cycle starts on the first anniversary of the transfer (bedding in has its own one-off
 * tasks for the first year). Every anchor gives a series of occurrences (base + k years, always
 * counted from the base so leap days never drift); the cycle's first year takes, per task, the
 * first occurrence due on or after the cycle starts, and year N the (N-1)th after it. So each
 * year has exactly one occurrence of each task, none is skipped and none comes twice.
 */
import { addCalendar, type DueUnit } from '../calendar/add-calendar';
import { dateToDateTime, isValidCalendarDate } from '../calendar/london';
import type { Nation, OwnerParty, Workstream } from '../vocabulary';
import { financialYearLabel } from './financial-year';

export const YEARLY_ANCHORS = [
  'incorporation_anniversary',
  'accounting_reference_date',
  'transfer_anniversary',
  'financial_year_end',
] as const;
export type YearlyAnchor = (typeof YEARLY_ANCHORS)[number];

/** What kind of body files what: every company at Companies House, a CIC also its report, a society with the FCA. */
export const ENTITY_KINDS = ['company', 'cic', 'society', 'any'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface YearlyTaskSource {
  citation: string;
  url: string;
}

export interface YearlyTaskDefinition {
  /** Stable key; a journey's task is `<key>_year_<n>`. */
  key: string;
  title: string;
  guidance: string;
  source: YearlyTaskSource;
  /** Which bodies this task is for; `any` is every journey. */
  entity: EntityKind;
  anchor: YearlyAnchor;
  /** From the anchor's occurrence; negative = before it. */
  offset: number;
  unit: DueUnit;
  /** The first occurrence the cycle may use (e.g. 2: the first confirmation statement is a one-off task of bedding in). */
  firstOccurrence?: number;
  /**
   * Companies Act 2006 s.442(3): a company's first accounts, when its first accounting reference
   * period is longer than 12 months, are due 21 months after incorporation (or 3 months after the
   * period ends, if later).
   */
  firstAccountsRule?: boolean;
  statutory: boolean;
  workstream: Workstream;
  ownerParty: OwnerParty;
  /** Nation-specific law: replaces these fields for journeys in that nation. */
  byNation?: Partial<Record<Nation, { guidance?: string; source?: YearlyTaskSource }>>;
}

export interface CycleDates {
  /** The day the entity was incorporated (or registered, for a society). */
  incorporationDate: string;
  /** The end of the entity's first accounting reference period (its day and month are the ARD; a society's year end). */
  accountingReferenceDate: string;
  /** The day the transfer completed (or the planned transfer date). */
  transferDate: string;
}

export interface YearlyTaskSpec {
  key: string;
  definitionKey: string;
  year: number;
  title: string;
  guidance: string;
  source: YearlyTaskSource;
  statutory: boolean;
  workstream: Workstream;
  ownerParty: OwnerParty;
  /** The anchor's occurrence this year's task is for (the review period's end, the accounts' year end...). */
  periodEnd: string;
  dueDate: string;
}

/** Months before a cycle year starts that its tasks are created (so even one due on its first day is seen coming). */
export const CYCLE_LEAD_MONTHS = 3;

const CIC_FORMS = ['cic_limited_by_shares', 'cic_limited_by_guarantee'];
const SOCIETY_FORMS = ['cooperative_or_community_benefit_society'];

/** The kinds of body a legal form is; an unknown or unrecorded form is treated as a company (most mutuals are). */
export function entityKindsOf(legalForm: string | null): EntityKind[] {
  if (legalForm && SOCIETY_FORMS.includes(legalForm)) return ['society', 'any'];
  if (legalForm && CIC_FORMS.includes(legalForm)) return ['company', 'cic', 'any'];
  return ['company', 'any'];
}

/** The day year `year` of the cycle starts: the `year`th anniversary of the transfer. */
export function cycleYearStart(transferDate: string, year: number): string {
  return addCalendar(transferDate, 12 * year, 'months');
}

/**
 * The cycle years that should exist on `today`: every year whose start is at most
 * CYCLE_LEAD_MONTHS away, and always at least year 1 (entering operating starts the cycle).
 */
export function cycleYearsDue(transferDate: string, today: string): number {
  let n = 1;
  while (addCalendar(cycleYearStart(transferDate, n + 1), -CYCLE_LEAD_MONTHS, 'months') <= today) n++;
  return n;
}

function isMonthEnd(date: string): boolean {
  const d = dateToDateTime(date);
  return d.day === d.daysInMonth;
}

/** Occurrence k of an anchor (k years after its base; a month-end ARD stays a month end, so 28 Feb becomes 29 Feb in a leap year). */
function occurrence(anchor: YearlyAnchor, dates: CycleDates, k: number): string {
  switch (anchor) {
    case 'incorporation_anniversary':
      return addCalendar(dates.incorporationDate, 12 * k, 'months');
    case 'transfer_anniversary':
      return addCalendar(dates.transferDate, 12 * k, 'months');
    case 'accounting_reference_date': {
      const d = addCalendar(dates.accountingReferenceDate, 12 * k, 'months');
      return isMonthEnd(dates.accountingReferenceDate) ? dateToDateTime(d).endOf('month').toISODate()! : d;
    }
    case 'financial_year_end': {
      const t = dates.transferDate;
      const firstEnd = t.slice(5) >= '04-01' ? Number(t.slice(0, 4)) + 1 : Number(t.slice(0, 4));
      return `${firstEnd + k}-03-31`;
    }
  }
}

function firstOccurrenceIndex(def: YearlyTaskDefinition): number {
  const floor = def.anchor === 'incorporation_anniversary' || def.anchor === 'transfer_anniversary' ? 1 : 0;
  return Math.max(floor, def.firstOccurrence ?? floor);
}

/**
 * Months after a period that ends on the last day of a month end on the last day of a month
 * (Companies Act 2006 s.443(3): 30 November + 9 months is 31 August); applied to every
 * accounting-reference-date anchor.
 */
function afterPeriod(def: YearlyTaskDefinition, end: string): string {
  const due = addCalendar(end, def.offset, def.unit);
  if (def.anchor !== 'accounting_reference_date' || def.unit !== 'months' || !isMonthEnd(end)) return due;
  return dateToDateTime(due).endOf('month').toISODate()!;
}

function dueOf(def: YearlyTaskDefinition, dates: CycleDates, k: number): string {
  const end = occurrence(def.anchor, dates, k);
  const due = afterPeriod(def, end);
  if (def.firstAccountsRule && def.anchor === 'accounting_reference_date' && k === 0) {
    const longFirstPeriod = dates.accountingReferenceDate > addCalendar(dates.incorporationDate, 12, 'months');
    if (longFirstPeriod) {
      const a = addCalendar(dates.incorporationDate, 21, 'months');
      const b = addCalendar(end, 3, 'months');
      return a > b ? a : b;
    }
  }
  return due;
}

/** Which occurrence of a task's anchor cycle year `year` is for. */
export function occurrenceForYear(def: YearlyTaskDefinition, dates: CycleDates, year: number): number {
  const start = cycleYearStart(dates.transferDate, 1);
  let k = firstOccurrenceIndex(def);
  // Bounded: an anchor more than two centuries before the transfer is not a real entity.
  for (let guard = 0; guard < 250 && dueOf(def, dates, k) < start; guard++) k++;
  return k + year - 1;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function longDate(date: string): string {
  const d = dateToDateTime(date);
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

function periodLabel(anchor: YearlyAnchor, end: string): string {
  switch (anchor) {
    case 'incorporation_anniversary':
      return `review period to ${longDate(end)}`;
    case 'accounting_reference_date':
      return `year ending ${longDate(end)}`;
    case 'transfer_anniversary':
      return `year to ${longDate(end)}`;
    case 'financial_year_end':
      return `financial year ${financialYearLabel(Number(end.slice(0, 4)) - 1)}`;
  }
}

/**
 * The tasks of cycle year `year` (1 = the first year in operating) for a journey of this legal
 * form and nation. Pure: the same dates give the same tasks, keys and due dates.
 */
export function yearlyTasksFor(
  defs: readonly YearlyTaskDefinition[],
  dates: CycleDates,
  fit: { legalForm: string | null; nation: Nation; year: number },
): YearlyTaskSpec[] {
  if (!Number.isInteger(fit.year) || fit.year < 1) throw new RangeError(`Cycle year must be a whole number from 1: ${fit.year}`);
  const kinds = entityKindsOf(fit.legalForm);
  return defs
    .filter((d) => kinds.includes(d.entity))
    .map((d) => {
      const k = occurrenceForYear(d, dates, fit.year);
      const end = occurrence(d.anchor, dates, k);
      const variant = d.byNation?.[fit.nation] ?? {};
      return {
        key: `${d.key}_year_${fit.year}`,
        definitionKey: d.key,
        year: fit.year,
        title: `${d.title} (${periodLabel(d.anchor, end)})`,
        guidance: variant.guidance ?? d.guidance,
        source: variant.source ?? d.source,
        statutory: d.statutory,
        workstream: d.workstream,
        ownerParty: d.ownerParty,
        periodEnd: end,
        dueDate: dueOf(d, dates, k),
      };
    });
}

/**
 * The accounting reference date a company gets when it names none: the last day of the month in
 * which the first anniversary of incorporation falls (Companies Act 2006 s.391(4)).
 */
export function defaultAccountingReferenceDate(incorporationDate: string): string {
  return dateToDateTime(addCalendar(incorporationDate, 12, 'months'))
    .endOf('month')
    .toISODate()!;
}

export interface EntityDatesProblem {
  field: 'incorporationDate' | 'accountingReferenceDate';
  message: string;
}

/**
 * The entity's dates must be real calendar dates, the incorporation not in the future, and the
 * first accounting reference period more than 6 and at most 18 months long (Companies Act 2006
 * s.391(5) and s.392(5); a society's first year end is held to the same bounds here).
 */
export function entityDatesProblems(
  dates: { incorporationDate?: unknown; accountingReferenceDate?: unknown },
  today: string,
  prefix = '',
): EntityDatesProblem[] {
  const problems: EntityDatesProblem[] = [];
  const { incorporationDate: inc, accountingReferenceDate: ard } = dates;
  if (inc !== undefined && !isValidCalendarDate(inc))
    problems.push({ field: 'incorporationDate', message: `${prefix}incorporationDate must be a calendar date YYYY-MM-DD` });
  else if (typeof inc === 'string' && inc > today)
    problems.push({ field: 'incorporationDate', message: `${prefix}incorporationDate must not be in the future` });
  if (ard !== undefined && !isValidCalendarDate(ard))
    problems.push({ field: 'accountingReferenceDate', message: `${prefix}accountingReferenceDate must be a calendar date YYYY-MM-DD` });
  if (problems.length || typeof inc !== 'string' || typeof ard !== 'string') return problems;
  if (ard <= addCalendar(inc, 6, 'months') || ard > addCalendar(inc, 18, 'months'))
    problems.push({
      field: 'accountingReferenceDate',
      message: `${prefix}accountingReferenceDate must be more than 6 and at most 18 months after the incorporation date (Companies Act 2006 ss.391-392)`,
    });
  return problems;
}
