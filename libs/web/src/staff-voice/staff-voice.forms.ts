/**
 * The staff voice web forms: what was typed, read into the API's shape. Only the shape is checked
 * here (whole numbers, percentages, a real date); the bounds are the API's DTOs' (RecordBallotDto,
 * RecordSurveyDto, checked with words for people), and the rules (counts add up, not in the future,
 * respondents at most eligible) are the domain's, applied by the services, and their refusals come
 * back as messages on the form (staffVoiceFormProblems).
 */
import { type BallotMethod } from '@pathway/domain/staff-voice/ballot';
import { SURVEY_STATEMENTS, type SurveyStatement } from '@pathway/domain/staff-voice/survey';
import { BadRequestError } from '@pathway/platform/errors/domain-errors';
import { parseDateInput, type DateInputValues } from '../date-input';
import { EARLIEST_YEAR, LATEST_YEAR, PG_INT_MAX } from '@pathway/domain/bounds/bounds';
import { RecordBallotDto, RecordSurveyDto } from '@pathway/staff-voice/staff-voice.dto';
import { dtoProblems, field, type FormProblem, type FormWords } from '../forms';

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
const capital = (what: string) => what.replace(/^the n/, 'N');

/** A count as typed ("1,200" is 1200): its shape only; its bounds are the API DTO's (IsPgInt). */
function readCount(body: unknown, name: string, what: string, problems: FormProblem[], required = true): number | undefined {
  const raw = wholeNumber(field(body, name));
  if (!raw) {
    if (required) problems.push({ field: name, text: `Enter ${what}` });
    return required ? undefined : 0;
  }
  if (!WHOLE.test(raw) || Number(raw) > PG_INT_MAX) {
    problems.push({ field: name, text: `${capital(what)} must be a whole number, like 120` });
    return undefined;
  }
  return Number(raw);
}

/** Words for a closing date the DTO refused (the date input's own checks have ruled out the rest), linked to its day box. */
const dateWords = (kind: 'ballot' | 'survey'): FormWords => ({
  heldOn: `The date the ${kind} closed must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
});
const linkDate = (p: FormProblem): FormProblem => (p.field === 'heldOn' ? { ...p, href: '#heldOn-day' } : p);

/** Words for a count the DTO refused: below its minimum (the shape check has ruled out the rest). */
const countWords = (fields: ReadonlyArray<readonly [string, string]>, min: number): FormWords =>
  Object.fromEntries(fields.map(([name, what]) => [name, `${capital(what)} must be ${min} or more`]));

export async function readBallotForm(body: unknown): Promise<{ values: BallotFormValues; input?: BallotInput; problems: FormProblem[] }> {
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
  if (date.problem) problems.push(date.problem);
  const [eligible, votesFor, votesAgainst, abstentions] = COUNT_FIELDS.map(([name, what]) =>
    readCount(body, name, what, problems, name !== 'abstentions'),
  );
  const input = {
    question: values.question,
    heldOn: date.value ?? '',
    method: values.method as BallotMethod,
    eligible,
    votesFor,
    votesAgainst,
    abstentions,
    ...(values.independentScrutineer ? { independentScrutineer: values.independentScrutineer } : {}),
  };
  // The API's rules for the rest (a rule lives once).
  const checked = await dtoProblems(
    RecordBallotDto,
    input,
    {
      question: { '*': 'Enter the question staff were asked', maxLength: 'The question must be 1,000 characters or fewer' },
      method: 'Select how staff voted',
      independentScrutineer: 'The independent scrutineer must be 200 characters or fewer',
      ...countWords(COUNT_FIELDS.slice(0, 1), 1),
      ...dateWords('ballot'),
    },
    problems,
  );
  problems.push(...checked.map(linkDate));
  const order = ['question', 'heldOn', 'method', ...COUNT_FIELDS.map(([name]) => name), 'independentScrutineer'];
  problems.sort((x, y) => order.indexOf(x.field) - order.indexOf(y.field));
  if (problems.length) return { values, problems };
  return { values, problems, input: input as BallotInput };
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
export async function readSurveyForm(body: unknown): Promise<{ values: SurveyFormValues; input?: SurveyInput; problems: FormProblem[] }> {
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
  const SURVEY_COUNTS = [
    ['respondents', 'the number of staff who answered'],
    ['eligible', 'the number of staff asked'],
  ] as const;
  const [respondents, eligible] = SURVEY_COUNTS.map(([name, what]) => readCount(body, name, what, problems));
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
  const input = { heldOn: date.value, respondents, eligible, agreement: agreement as Record<SurveyStatement, number> };
  problems.push(...(await dtoProblems(RecordSurveyDto, input, { ...countWords(SURVEY_COUNTS, 1), ...dateWords('survey') })).map(linkDate));
  return problems.length ? { values, problems } : { values, problems, input };
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
