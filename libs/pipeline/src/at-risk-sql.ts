import { todayInLondon } from '@pathway/domain/calendar/london';
import {
  journeyClockRuns,
  journeyIsActive,
  journeyNotTransferred,
  SqlParams,
  taskIsOpen,
  taskIsOverdue,
} from '@pathway/database/journey-sql';

/** A planned transfer this close (days), with mandatory spinning-out tasks still open, puts a journey at risk. */
export const AT_RISK_TRANSFER_WITHIN_DAYS = 90;

/** The instants "at risk" is measured against, as bound SQL expressions: now, today in London and the horizon. */
export interface AtRiskClock {
  at: string;
  today: string;
  horizon: string;
}

export function atRiskClock(p: SqlParams, now: Date): AtRiskClock {
  const at = `${p.add(now.toISOString())}::timestamptz`;
  const today = `${p.add(todayInLondon(now))}::date`;
  return { at, today, horizon: `(${today} + ${p.add(AT_RISK_TRANSFER_WITHIN_DAYS)}::int)` };
}

/** A task (`t`) that keeps a transfer at risk: mandatory, of the spinning-out phase, open (journey_tasks_open_mandatory_spinning_out_idx). */
export const openMandatorySpinningOutTask = (t: string): string => `${t}.mandatory AND ${t}.phase = 'spinning_out' AND ${taskIsOpen(t)}`;

/** An open statutory task (`t`) past its deadline (journey_tasks_open_statutory_idx). */
export const overdueStatutoryTask = (t: string, at: string): string => `${t}.statutory AND ${taskIsOverdue(t, at)}`;

/**
 * A lost contract (`c`, its renewal outcome recorded as lost) that no other contract of the journey
 * replaces: none that is not lost and ends after it. Libs/contracts records the outcomes.
 */
export const lostUnreplacedContract = (c: string): string =>
  `${c}.outcome = 'lost' AND NOT EXISTS (SELECT 1 FROM contracts n WHERE n.journey_id = ${c}.journey_id AND n.id <> ${c}.id AND n.outcome IS DISTINCT FROM 'lost' AND n.end_date > ${c}.end_date)`;

/**
 * Each reason a journey (`j`) is at risk, as a boolean SQL condition. The one definition of "at
 * risk": the at-risk list, its reasons, the journey list's at-risk column and filter, and the CSV
 * all read these (through journeyAtRisk), so they cannot disagree.
 * - transferSoon: not yet transferred, planned transfer within AT_RISK_TRANSFER_WITHIN_DAYS days
 *   of today in London (or already past), mandatory spinning-out tasks open. A hold does not move
 *   the date, so on-hold journeys count. The cheap date test comes first; the task probe is one
 *   lookup in a small partial index for the journeys it leaves.
 * - overdueStatutory: an open statutory task past its deadline, while the clock runs (not on hold).
 *   Uncorrelated, so Postgres hashes the few overdue statutory tasks' journeys once per statement.
 * - contractLost: a lost contract nothing replaces, while the clock runs. Hashed the same way.
 */
export function atRiskReasonConditions(
  j: string,
  clock: AtRiskClock,
): { transferSoon: string; overdueStatutory: string; contractLost: string } {
  return {
    transferSoon:
      `(${journeyNotTransferred(j)} AND ${j}.planned_transfer_date <= ${clock.horizon}` +
      // OFFSET 0 keeps this a probe per journey (made only for those the date test leaves): without
      // it Postgres may hash every open mandatory spinning-out task (100,000 at 10,000 journeys) first.
      ` AND EXISTS (SELECT 1 FROM journey_tasks rt WHERE rt.journey_id = ${j}.id AND ${openMandatorySpinningOutTask('rt')} OFFSET 0))`,
    overdueStatutory: `(${journeyClockRuns(j)} AND ${j}.id IN (SELECT rs.journey_id FROM journey_tasks rs WHERE ${overdueStatutoryTask('rs', clock.at)}))`,
    contractLost: `(${journeyClockRuns(j)} AND ${j}.id IN (SELECT rc.journey_id FROM contracts rc WHERE ${lostUnreplacedContract('rc')}))`,
  };
}

/** At risk (`j`): active (not withdrawn) and at least one of the reasons above. */
export function journeyAtRisk(j: string, clock: AtRiskClock): string {
  const r = atRiskReasonConditions(j, clock);
  return `(${journeyIsActive(j)} AND (${r.transferSoon} OR ${r.overdueStatutory} OR ${r.contractLost}))`;
}
