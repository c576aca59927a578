/**
 * The staff voice web forms: what was typed, read into the API's shape. Only the shape is checked
 * here (whole numbers, percentages, a real date); the rules (counts add up, not in the future,
 * respondents at most eligible) are the domain's, applied by the services, and their refusals come
 * back as messages on the form (staffVoiceFormProblems).
 */
import { BALLOT_METHODS, type BallotMethod } from '@pathway/domain/staff-voice/ballot';
import { SURVEY_STATEMENTS, type SurveyStatement } from '@pathway/domain/staff-voice/survey';
import { BadRequestError } from '@pathway/platform/errors/domain-errors';
import { parseDateInput, type DateInputValues } from '../date-input';
import { field, type FormProblem } from '../forms';

export const COUNT_FIELDS = [
  ['eligible', 'the number of staff eligible to vote'],
  ['votesFor', 'the number of votes for'],
  ['votesAgainst', 'the number of votes against'],
  ['abstentions', 'the number of abstentions'],
] as const;

export interface BallotFormValues {
  question: string;
  heldOn: DateInputValues;
  method: string;
  eligible: string;
  votesFor: string;
  votesAgainst: string;
  abstentions: string;
  independentScrutineer: string;
}

export interface BallotInput {
  question: string;
  heldOn: string;
  method: BallotMethod;
  eligible: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  independentScrutineer?: string;
}

const WHOLE = /^\d{1,10}$/;
const wholeNumber = (v: string) => v.replace(/[,\s]/g, '');

function readCount(body: unknown, name: string, what: string, min: number, problems: FormProblem[], required = true): number | undefined {
  const raw = wholeNumber(field(body, name));
  if (!raw) {
    if (required) problems.push({ field: name, text: `Enter ${what}` });
    return required ? undefined : 0;
  }
  if (!WHOLE.test(raw) || Number(raw) > 2_147_483_647) {
    problems.push({ field: name, text: `${what.replace(/^the n/, 'N')} must be a whole number, like 120` });
    return undefined;
  }
  if (Number(raw) < min) {
    problems.push({ field: name, text: `${what.replace(/^the n/, 'N')} must be ${min} or more` });
    return undefined;
  }
  return Number(raw);
}

export function readBallotForm(body: unknown): { values: BallotFormValues; input?: BallotInput; problems: FormProblem[] } {
  const date = parseDateInput(body, { name: 'heldOn', label: 'the date the ballot closed', required: true });
  const values: BallotFormValues = {
    question: field(body, 'question').trim(),
    heldOn: date.values,
    method: field(body, 'method'),
    eligible: field(body, 'eligible'),
    votesFor: field(body, 'votesFor'),
    votesAgainst: field(body, 'votesAgainst'),
    abstentions: field(body, 'abstentions'),
    independentScrutineer: field(body, 'independentScrutineer').trim(),
  };
  const problems: FormProblem[] = [];
  if (!values.question) problems.push({ field: 'question', text: 'Enter the question staff were asked' });
  else if (values.question.length > 1000) problems.push({ field: 'question', text: 'The question must be 1,000 characters or fewer' });
  if (date.problem) problems.push(date.problem);
  if (!(BALLOT_METHODS as readonly string[]).includes(values.method)) problems.push({ field: 'method', text: 'Select how staff voted' });
  const counts = COUNT_FIELDS.map(([name, what]) =>
    readCount(body, name, what, name === 'eligible' ? 1 : 0, problems, name !== 'abstentions'),
  );
  if (values.independentScrutineer.length > 200)
    problems.push({ field: 'independentScrutineer', text: 'The independent scrutineer must be 200 characters or fewer' });
  const [eligible, votesFor, votesAgainst, abstentions] = counts;
  if (
    problems.length ||
    !date.value ||
    eligible === undefined ||
    votesFor === undefined ||
    votesAgainst === undefined ||
    abstentions === undefined
  )
    return { values, problems };
  return {
    values,
    problems,
    input: {
      question: values.question,
      heldOn: date.value,
      method: values.method as BallotMethod,
      eligible,
      votesFor,
      votesAgainst,
      abstentions,
      ...(values.independentScrutineer ? { independentScrutineer: values.independentScrutineer } : {}),
    },
  };
}

export interface SurveyFormValues {
  heldOn: DateInputValues;
  respondents: string;
  eligible: string;
  agreement: Record<SurveyStatement, string>;
}

export interface SurveyInput {
  heldOn: string;
  respondents: number;
  eligible: number;
  agreement: Record<SurveyStatement, number>;
}

/** The survey form takes percentages (what people read off a survey tool); the API takes shares 0..1. */
export function readSurveyForm(body: unknown): { values: SurveyFormValues; input?: SurveyInput; problems: FormProblem[] } {
  const date = parseDateInput(body, { name: 'heldOn', label: 'the date the survey closed', required: true });
  const values: SurveyFormValues = {
    heldOn: date.values,
    respondents: field(body, 'respondents'),
    eligible: field(body, 'eligible'),
    agreement: Object.fromEntries(SURVEY_STATEMENTS.map((k) => [k, field(body, `agreement-${k}`).trim()])) as Record<
      SurveyStatement,
      string
    >,
  };
  const problems: FormProblem[] = [];
  if (date.problem) problems.push(date.problem);
  const respondents = readCount(body, 'respondents', 'the number of staff who answered', 1, problems);
  const eligible = readCount(body, 'eligible', 'the number of staff asked', 1, problems);
  const agreement: Partial<Record<SurveyStatement, number>> = {};
  for (const k of SURVEY_STATEMENTS) {
    const raw = values.agreement[k].replace(/%$/, '').trim();
    const id = `agreement-${k}`;
    if (!raw) problems.push({ field: id, text: 'Enter the percentage who agreed' });
    else if (!/^\d{1,3}(\.\d)?$/.test(raw) || Number(raw) > 100)
      problems.push({ field: id, text: 'The percentage who agreed must be a number from 0 to 100, like 62 or 62.5' });
    else agreement[k] = Math.round(Number(raw) * 10) / 1000;
  }
  if (problems.length || !date.value || respondents === undefined || eligible === undefined) return { values, problems };
  return {
    values,
    problems,
    input: { heldOn: date.value, respondents, eligible, agreement: agreement as Record<SurveyStatement, number> },
  };
}

/** The service's 400 (the domain's rules) as problems on the form, in the form's words. */
export function staffVoiceFormProblems(err: unknown, kind: 'ballot' | 'survey'): FormProblem[] | null {
  if (!(err instanceof BadRequestError)) return null;
  return err.messages.map((m) => {
    if (m.startsWith('heldOn'))
      return { field: 'heldOn', href: '#heldOn-day', text: `The date the ${kind} closed must be today or in the past` };
    if (m.startsWith('eligible must be at least'))
      return { field: 'eligible', text: 'The votes for, against and abstentions add up to more than the staff eligible to vote' };
    if (m.startsWith('respondents must be at most'))
      return { field: 'respondents', text: 'The number of staff who answered must not be more than the number asked' };
    const name = /^([A-Za-z]+)/.exec(m)?.[1] ?? (kind === 'ballot' ? 'question' : 'respondents');
    return { field: name, text: m.charAt(0).toUpperCase() + m.slice(1) };
  });
}
