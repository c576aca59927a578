/**
 * Staff pulse surveys while the spin-out is prepared and carried out: the Taskforce's evidence is
 * of morale falling (77.8% of respondents in the seeds) and of confusion about pensions, so a
 * mutual tracks a few fixed statements over time. Shares are fractions 0..1 of respondents who
 * agree. Pure.
 */
import { isPgInt } from '../bounds/bounds';
import type { Phase } from '../vocabulary';

export const SURVEY_STATEMENTS = ['understand_pension', 'support_spin_out', 'morale_good'] as const;
export type SurveyStatement = (typeof SURVEY_STATEMENTS)[number];

export const SURVEY_STATEMENT_TEXT: Record<SurveyStatement, string> = {
  understand_pension: 'I understand what happens to my pension',
  support_spin_out: 'I support the spin-out',
  morale_good: 'My morale is good',
};

/** Surveys are taken while the spin-out is prepared and carried out; after the transfer the yearly results take over. */
export const SURVEY_PHASES: readonly Phase[] = ['pre_spin_out', 'spinning_out'];

export function surveyPhaseProblem(phase: Phase): string | null {
  return SURVEY_PHASES.includes(phase)
    ? null
    : 'Staff pulse surveys are recorded before and during the spin-out (phases pre spin out and spinning out) only';
}

export interface SurveyInput {
  respondents: unknown;
  eligible: unknown;
  agreement: unknown;
}

/** Why the figures cannot be a survey's, each naming its field; empty when they hold. */
export function surveyProblems(s: SurveyInput): string[] {
  const problems: string[] = [];
  if (!isPgInt(s.eligible, 1)) problems.push('eligible must be a whole number from 1 to 2147483647');
  if (!isPgInt(s.respondents, 1)) problems.push('respondents must be a whole number from 1 to 2147483647');
  if (!problems.length && (s.respondents as number) > (s.eligible as number)) {
    problems.push(`respondents must be at most eligible (${String(s.eligible)})`);
  }
  const a = s.agreement;
  if (typeof a !== 'object' || a === null || Array.isArray(a)) {
    problems.push(`agreement must be an object with ${SURVEY_STATEMENTS.join(', ')}`);
    return problems;
  }
  for (const key of SURVEY_STATEMENTS) {
    if (!isShare((a as Record<string, unknown>)[key]))
      problems.push(`agreement.${key} must be a share from 0 to 1 (at most 3 decimal places)`);
  }
  for (const key of Object.keys(a)) {
    if (!(SURVEY_STATEMENTS as readonly string[]).includes(key)) problems.push(`agreement.${key} is not a statement of the survey`);
  }
  return problems;
}

/** A share 0..1 with at most three decimal places (a percentage to one decimal). */
export function isShare(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 && Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6;
}
