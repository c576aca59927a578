/**
 * The rules a contract in the register must meet, in one place: its term, the Procurement Act 2023
 * s.33 conditions on contracts reserved to public service mutuals, and the warnings the Taskforce's
 * advice and the NHS Provider Selection Regime call for. Pure: the caller supplies the nation of the
 * contracting authority and the mutual's other reserved contracts.
 */
import { addCalendar } from '../calendar/add-calendar';
import { dateToDateTime } from '../calendar/london';
import type { Nation, ServiceArea } from '../vocabulary';

export const CONTRACT_ROUTES = [
  'direct_award',
  'reserved_mutual',
  'open_competition',
  'provider_selection_regime',
  'extension',
  'grant_agreement',
] as const;
export type ContractRoute = (typeof CONTRACT_ROUTES)[number];

/** How a contract's renewal ended: decided by the commissioner when the contract nears its end. */
export const CONTRACT_OUTCOMES = ['renewed', 'extended', 'retendered_won', 'lost'] as const;
export type ContractOutcome = (typeof CONTRACT_OUTCOMES)[number];

export const PROCUREMENT_ACT_S33 = 'https://www.legislation.gov.uk/ukpga/2023/54/section/33';
export const PROVIDER_SELECTION_REGIME = 'https://www.legislation.gov.uk/uksi/2023/1348/contents/made';
export const PROCUREMENT_REFORM_SCOTLAND = 'https://www.legislation.gov.uk/asp/2014/12/contents';
export const TASKFORCE_RECOMMENDATION_9 = 'Mutuals Taskforce, “Public service mutuals: the next steps” (2012), recommendation 9';

/** s.33(1)(b): a reserved contract's maximum term (extensions included) is five years or less. */
export const RESERVED_MAX_TERM_MONTHS = 60;
/** s.33(5): no comparable reserved contract entered into in the three years ending with the award. */
export const RESERVED_LOCKOUT_YEARS = 3;
/** Taskforce recommendation 9: contracts of at least five years. */
export const RECOMMENDED_MIN_TERM_MONTHS = 60;

export interface ContractTerms {
  route: ContractRoute;
  startDate: string;
  endDate: string;
  extensionMonths: number | null;
  /** The day the contract was awarded (defaults to its start date). */
  awardedOn: string;
}

/** Another contract of the same mutual (awarded before or after this one), for the s.33(5) lock-out. */
export interface OtherContract {
  id: string;
  title: string;
  route: ContractRoute;
  commissionerId: string;
  serviceArea: ServiceArea;
  awardedOn: string;
}

export interface ContractContext {
  commissionerId: string;
  serviceArea: ServiceArea;
  /** The nation of the contracting authority: the Procurement Act 2023 does not bind devolved Scottish authorities. */
  authorityNation: Nation;
  /** The mutual's other contracts (any journey of the same mutual organisation), this one excluded. */
  others: OtherContract[];
  /**
   * On an edit, the contract as stored: the lock-out is judged again only when a term it reads
   * (route, authority, award date) changes, so an unrelated edit is never refused by it.
   */
  stored?: LockoutTerms;
}

/** The terms of a contract the s.33(5) lock-out reads (with the journey's kind of services). */
export type LockoutTerms = Pick<ContractTerms, 'route' | 'awardedOn'> & { commissionerId: string };

export interface ContractProblem {
  /** 400: the request is malformed; 422: well-formed but the law or the register's rules forbid it. */
  status: 400 | 422;
  code: string;
  field: string;
  message: string;
}

export interface ContractWarning {
  code: string;
  message: string;
}

export interface ContractAssessment {
  termMonths: number;
  problems: ContractProblem[];
  warnings: ContractWarning[];
}

/** Whole months from `start` to the day after `end` (a contract from 1 April to 31 March runs 12 months). */
export function termMonths(startDate: string, endDate: string): number {
  const after = addCalendar(endDate, 1, 'calendar_days');
  const start = dateToDateTime(startDate);
  let n = Math.max(0, Math.floor(dateToDateTime(after).diff(start, 'months').months) - 1);
  while (addCalendar(startDate, n + 1, 'months') <= after) n++;
  return n;
}

/** Does the contract run beyond `months` from its start (its last day later than start + months − 1 day)? */
export function runsLongerThan(startDate: string, endDate: string, months: number): boolean {
  return addCalendar(endDate, 1, 'calendar_days') > addCalendar(startDate, months, 'months');
}

/**
 * Is a reserved contract available to an authority of this nation? Devolved Scottish authorities
 * procure under the Procurement Reform (Scotland) Act 2014, which has no s.33 reservation.
 */
export function reservedMutualAvailableIn(nation: Nation): boolean {
  return nation !== 'scotland';
}

/**
 * s.33(5) and (7): the other contracts that conflict with this one: reserved under s.33, from the
 * same authority, for the same kind of services, with one of the two awarded in the three years
 * ending with the day the other is awarded. Both directions count: an award recorded after a later
 * one is refused just as the later one would have been, since together they break s.33(5).
 */
export function reservedLockoutBlockers(
  terms: Pick<ContractTerms, 'awardedOn'>,
  ctx: Pick<ContractContext, 'commissionerId' | 'serviceArea' | 'others'>,
): OtherContract[] {
  return ctx.others.filter(
    (c) =>
      c.route === 'reserved_mutual' &&
      c.commissionerId === ctx.commissionerId &&
      c.serviceArea === ctx.serviceArea &&
      withinLockout(c.awardedOn, terms.awardedOn),
  );
}

/** Is the earlier of two award dates inside the three years ending with the later one? */
function withinLockout(a: string, b: string): boolean {
  const [first, second] = a <= b ? [a, b] : [b, a];
  return first > addCalendar(second, -RESERVED_LOCKOUT_YEARS * 12, 'months');
}

/** Does the edit change anything the lock-out reads? (Always true for a new contract.) */
export function lockoutTermsChanged(next: LockoutTerms, stored: LockoutTerms | undefined): boolean {
  return !stored || next.route !== stored.route || next.commissionerId !== stored.commissionerId || next.awardedOn !== stored.awardedOn;
}

/** Everything wrong with a contract, and what to warn about, before it is stored. */
export function assessContract(terms: ContractTerms, ctx: ContractContext): ContractAssessment {
  const problems: ContractProblem[] = [];
  const warnings: ContractWarning[] = [];
  if (terms.endDate < terms.startDate) {
    problems.push({ status: 400, code: 'end_before_start', field: 'endDate', message: 'endDate must be on or after startDate' });
    return { termMonths: 0, problems, warnings };
  }
  if (terms.awardedOn > terms.startDate) {
    problems.push({ status: 400, code: 'awarded_after_start', field: 'awardedOn', message: 'awardedOn must be on or before startDate' });
  }
  const months = termMonths(terms.startDate, terms.endDate);
  const extension = terms.extensionMonths ?? 0;

  if (terms.route === 'reserved_mutual') {
    if (!reservedMutualAvailableIn(ctx.authorityNation)) {
      problems.push({
        status: 422,
        code: 'reserved_mutual_not_in_scotland',
        field: 'route',
        message: `A contract cannot be reserved to a mutual by a Scottish authority: the Procurement Act 2023 (s.33, ${PROCUREMENT_ACT_S33}) does not apply to devolved Scottish authorities, which procure under the Procurement Reform (Scotland) Act 2014 (${PROCUREMENT_REFORM_SCOTLAND})`,
      });
    }
    const maxEnd = addCalendar(terms.endDate, extension, 'months');
    if (runsLongerThan(terms.startDate, maxEnd, RESERVED_MAX_TERM_MONTHS)) {
      problems.push({
        status: 422,
        code: 'reserved_term_over_5_years',
        field: extension > 0 && !runsLongerThan(terms.startDate, terms.endDate, RESERVED_MAX_TERM_MONTHS) ? 'extensionMonths' : 'endDate',
        message: `A contract reserved to mutuals may have a maximum term (with any extensions) of five years or less, Procurement Act 2023 s.33(1)(b) (${PROCUREMENT_ACT_S33}); this one runs ${months} months${extension ? ` plus ${extension} months of extensions` : ''}`,
      });
    }
    const judged = lockoutTermsChanged({ ...terms, commissionerId: ctx.commissionerId }, ctx.stored);
    const blockers = judged ? reservedLockoutBlockers(terms, ctx) : [];
    if (blockers.length) {
      const first = blockers[0];
      const after = first.awardedOn > terms.awardedOn;
      problems.push({
        status: 422,
        code: 'reserved_contract_lockout',
        field: 'route',
        message: after
          ? `The mutual does not qualify for this reserved contract: a comparable contract reserved under s.33 (“${first.title}”, awarded ${first.awardedOn}) from the same authority for the same kind of services is awarded within three years after it, and that award would then fall in the three years after this one, which the law forbids, Procurement Act 2023 s.33(5) and (7) (${PROCUREMENT_ACT_S33})`
          : `The mutual does not qualify for a reserved contract: it entered a comparable contract reserved under s.33 (“${first.title}”, awarded ${first.awardedOn}) from the same authority for the same kind of services in the three years before this award, Procurement Act 2023 s.33(5) and (7) (${PROCUREMENT_ACT_S33})`,
      });
    }
  }
  if (months < RECOMMENDED_MIN_TERM_MONTHS) {
    warnings.push({
      code: 'term_under_5_years',
      message: `The term is ${months} months: the Taskforce recommends contracts of at least five years so a new mutual can plan and invest (${TASKFORCE_RECOMMENDATION_9})`,
    });
  }
  if (
    ctx.serviceArea === 'health' &&
    (terms.route === 'open_competition' || terms.route === 'reserved_mutual' || terms.route === 'direct_award')
  ) {
    warnings.push({
      code: 'nhs_provider_selection_regime',
      message: `Health care services arranged by NHS bodies (and local authorities for public health) are procured under the Provider Selection Regime, the Health Care Services (Provider Selection Regime) Regulations 2023 (${PROVIDER_SELECTION_REGIME}), not the Procurement Act 2023: check which regime applies to this contract`,
    });
  }
  return { termMonths: months, problems, warnings };
}
