import { BadRequestError } from '@pathway/platform/errors/domain-errors';
import { readBallotForm, readSurveyForm, staffVoiceFormProblems } from './staff-voice.forms';

const ballotBody = {
  question: ' Do you support it? ',
  'heldOn-day': '5',
  'heldOn-month': '1',
  'heldOn-year': '2026',
  method: 'secret_postal',
  eligible: '1,200',
  votesFor: '700',
  votesAgainst: '300',
  abstentions: '',
};

describe('staff voice forms', () => {
  it('reads a ballot into the API shape (abstentions optional, thousands separators allowed)', async () => {
    expect((await readBallotForm(ballotBody)).input).toEqual({
      question: 'Do you support it?',
      heldOn: '2026-01-05',
      method: 'secret_postal',
      eligible: 1200,
      votesFor: 700,
      votesAgainst: 300,
      abstentions: 0,
    });
  });
  it('names each field in GOV.UK words', async () => {
    const { problems, input } = await readBallotForm({
      ...ballotBody,
      question: '',
      method: 'hands',
      eligible: '0',
      votesFor: '1.5',
      'heldOn-day': '',
    });
    expect(input).toBeUndefined();
    expect(problems.map((p) => [p.field, p.text])).toEqual([
      ['question', 'Enter the question staff were asked'],
      ['heldOn', 'The date the ballot closed must include a day'],
      ['method', 'Select how staff voted'],
      ['eligible', 'Number of staff eligible to vote must be 1 or more'],
      ['votesFor', 'Number of votes for must be a whole number, like 120'],
    ]);
  });
  it('reads survey percentages as shares', async () => {
    const { input } = await readSurveyForm({
      'heldOn-day': '1',
      'heldOn-month': '2',
      'heldOn-year': '2026',
      respondents: '80',
      eligible: '100',
      'agreement-understand_pension': '62.5',
      'agreement-support_spin_out': '40%',
      'agreement-morale_good': '0',
    });
    expect(input).toEqual({
      heldOn: '2026-02-01',
      respondents: 80,
      eligible: 100,
      agreement: { understand_pension: 0.625, support_spin_out: 0.4, morale_good: 0 },
    });
    expect((await readSurveyForm({ 'agreement-morale_good': '101' })).problems.map((p) => p.field)).toContain('agreement-morale_good');
  });
  it('holds the forms to the API DTOs’ bounds, in the form’s words', async () => {
    const long = await readBallotForm({
      ...ballotBody,
      question: 'q'.repeat(1001),
      independentScrutineer: 's'.repeat(201),
      'heldOn-year': '1899',
    });
    expect(long.input).toBeUndefined();
    expect(long.problems).toEqual([
      { field: 'question', text: 'The question must be 1,000 characters or fewer' },
      { field: 'heldOn', href: '#heldOn-day', text: 'The date the ballot closed must be between 1900 and 2100' },
      { field: 'independentScrutineer', text: 'The independent scrutineer must be 200 characters or fewer' },
    ]);
    const bounds = await readBallotForm({ ...ballotBody, question: 'q'.repeat(1000), independentScrutineer: 's'.repeat(200) });
    expect(bounds.problems).toEqual([]);
    const survey = await readSurveyForm({
      'heldOn-day': '1',
      'heldOn-month': '2',
      'heldOn-year': '2026',
      respondents: '0',
      eligible: '0',
      'agreement-understand_pension': '1',
      'agreement-support_spin_out': '1',
      'agreement-morale_good': '1',
    });
    expect(survey.problems).toEqual([
      { field: 'respondents', text: 'Number of staff who answered must be 1 or more' },
      { field: 'eligible', text: 'Number of staff asked must be 1 or more' },
    ]);
  });
  it('words the domain’s refusals for the form', () => {
    const err = new BadRequestError([
      'eligible must be at least votesFor + votesAgainst + abstentions (11): more votes than eligible staff',
      'heldOn must not be in the future (today is 2026-12-02)',
    ]);
    expect(staffVoiceFormProblems(err, 'ballot')).toEqual([
      { field: 'eligible', text: 'The votes for, against and abstentions add up to more than the staff eligible to vote' },
      { field: 'heldOn', href: '#heldOn-day', text: 'The date the ballot closed must be today or in the past' },
    ]);
    expect(staffVoiceFormProblems(new Error('x'), 'survey')).toBeNull();
  });
});
