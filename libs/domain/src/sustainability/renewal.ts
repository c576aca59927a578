/**
 * Renewal work follows each contract's own end date (DOMAIN: renewal planning 18 months and the
 * decision 12 months before the end), not a fixed offset from the transfer.
 */
import { addCalendar } from '../calendar/add-calendar';
import type { ContractOutcome } from './contract-rules';
import { PROCUREMENT_ACT_S33 } from './contract-rules';
import type { OwnerParty } from '../vocabulary';

export const RENEWAL_PLAN_MONTHS_BEFORE_END = 18;
export const RENEWAL_DECISION_MONTHS_BEFORE_END = 12;

export const RENEWAL_TASK_KEYS = ['plan_contract_renewal', 'decide_contract_renewal'] as const;
export type RenewalTaskKey = (typeof RENEWAL_TASK_KEYS)[number];

export interface RenewalTaskSpec {
  key: RenewalTaskKey;
  title: string;
  guidance: string;
  source: string;
  ownerParty: OwnerParty;
  dependsOn: string[];
  /** The template due date, before any catch-up for a contract recorded late. */
  dueDate: string;
}

export function renewalDueDates(endDate: string): Record<RenewalTaskKey, string> {
  return {
    plan_contract_renewal: addCalendar(endDate, -RENEWAL_PLAN_MONTHS_BEFORE_END, 'months'),
    decide_contract_renewal: addCalendar(endDate, -RENEWAL_DECISION_MONTHS_BEFORE_END, 'months'),
  };
}

/** The two renewal tasks a contract brings, titled after it. */
export function renewalTasks(contract: { title: string; endDate: string }): RenewalTaskSpec[] {
  const due = renewalDueDates(contract.endDate);
  return [
    {
      key: 'plan_contract_renewal',
      title: `Plan the renewal of “${contract.title}”`,
      guidance:
        'Eighteen months before the contract ends: gather the evidence of results, talk to the commissioner about their intentions, and plan for each route (renewal, extension or a new competition). A contract reserved to mutuals lasts at most five years and a mutual that entered a comparable reserved contract from the same authority in the previous three years cannot be given another, so plan to compete openly if that applies.',
      source: `Procurement Act 2023, s.33 (${PROCUREMENT_ACT_S33}); pathway default (18 months before the end date)`,
      ownerParty: 'mutual',
      dependsOn: [],
      dueDate: due.plan_contract_renewal,
    },
    {
      key: 'decide_contract_renewal',
      title: `Decide how “${contract.title}” continues`,
      guidance:
        'Twelve months before the contract ends the commissioner decides whether to renew, extend or re-tender, leaving time for a procurement and its standstill period. Record the outcome on the contract.',
      source: 'Pathway default (12 months before the end date)',
      ownerParty: 'commissioner',
      dependsOn: [],
      dueDate: due.decide_contract_renewal,
    },
  ];
}

export const OUTCOME_LABELS: Record<ContractOutcome, string> = {
  renewed: 'Renewed',
  extended: 'Extended',
  retendered_won: 'Re-tendered and won',
  lost: 'Lost',
};
