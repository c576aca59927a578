import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BALLOT_METHODS } from '@pathway/domain/staff-voice/ballot';
import { SURVEY_STATEMENTS, SURVEY_STATEMENT_TEXT } from '@pathway/domain/staff-voice/survey';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { JourneysService } from '@pathway/journeys/journeys.service';
import { BadRequestError, ConflictError, ForbiddenError } from '@pathway/platform/errors/domain-errors';
import { StaffBallotsService } from '@pathway/staff-voice/staff-ballots.service';
import { StaffSurveysService } from '@pathway/staff-voice/staff-surveys.service';
import { WaiveStaffSupportDto } from '@pathway/staff-voice/staff-voice.dto';
import { WebController } from '../auth/web-controller.decorator';
import { dateInputValues } from '../date-input';
import { buildFormErrors, field, validateForm, type FormErrors, type FormProblem, type FormWords } from '../forms';
import { journeyPath } from '../journeys/journey-page.service';
import { setFlash } from '../support/flash';
import { WebIdPipe } from '../support/web-id.pipe';
import { readBallotForm, readSurveyForm, staffVoiceFormProblems, type BallotFormValues, type SurveyFormValues } from './staff-voice.forms';
import { BALLOT_METHOD_LABELS } from './staff-voice-view';

const WAIVER_WORDS: FormWords = {
  reason: { maxLength: 'The reason must be 2,000 characters or fewer', '*': 'Enter why staff support is waived for this journey' },
};

const METHOD_HINTS: Record<string, string> = {
  show_of_hands: 'Recorded, but it cannot show staff support: only a secret ballot meets the threshold',
};

const emptyBallot = (): BallotFormValues => ({
  question: '',
  heldOn: dateInputValues(null),
  method: '',
  eligible: '',
  votesFor: '',
  votesAgainst: '',
  abstentions: '',
  independentScrutineer: '',
});

const emptySurvey = (): SurveyFormValues => ({
  heldOn: dateInputValues(null),
  respondents: '',
  eligible: '',
  agreement: { understand_pension: '', support_spin_out: '', morale_good: '' },
});

/**
 * Staff voice forms: the mutual's lead records a ballot or a pulse survey, the central team waives
 * the staff support condition with a reason. The services decide who may and what holds.
 */
@WebController()
export class StaffVoicePagesController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly ballots: StaffBallotsService,
    private readonly surveys: StaffSurveysService,
  ) {}

  private async journeyFor(user: Principal, id: string, may: (j: JourneyEntity) => boolean, who: string): Promise<JourneyEntity> {
    const { journey } = await this.journeys.get(user, id);
    if (!may(journey)) throw new ForbiddenError(`Only ${who} can do this`);
    return journey;
  }

  private readonly isLead = (user: Principal) => (j: JourneyEntity) =>
    AccessPolicy.actsAs(user, j, ['mutual_lead']) && !AccessPolicy.isCentral(user);

  @Get('journeys/:id/staff-ballots/new')
  async ballotForm(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Res() res: Response): Promise<void> {
    const journey = await this.journeyFor(user, id, this.isLead(user), 'the mutual’s lead');
    this.renderBallot(res, journey, emptyBallot());
  }

  @Post('journeys/:id/staff-ballots/new')
  async recordBallot(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const journey = await this.journeyFor(user, id, this.isLead(user), 'the mutual’s lead');
    const { values, input, problems } = await readBallotForm(body);
    if (!input) {
      this.renderBallot(res, journey, values, buildFormErrors(problems), 400);
      return;
    }
    try {
      const ballot = await this.ballots.record(user, id, input);
      setFlash(req, {
        heading: 'Staff ballot recorded',
        text: ballot.meetsThreshold
          ? 'It meets the staff support threshold.'
          : 'It does not meet the staff support threshold: the business case cannot be submitted on it.',
      });
      res.redirect(303, `${journeyPath(id)}#staff-voice-heading`);
    } catch (err) {
      const formProblems = staffVoiceFormProblems(err, 'ballot') ?? conflictProblems(err, 'question');
      if (!formProblems) throw err;
      this.renderBallot(res, journey, values, buildFormErrors(formProblems), err instanceof BadRequestError ? 400 : 409);
      return;
    }
  }

  @Get('journeys/:id/staff-surveys/new')
  async surveyForm(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Res() res: Response): Promise<void> {
    const journey = await this.journeyFor(user, id, this.isLead(user), 'the mutual’s lead');
    this.renderSurvey(res, journey, emptySurvey());
  }

  @Post('journeys/:id/staff-surveys/new')
  async recordSurvey(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const journey = await this.journeyFor(user, id, this.isLead(user), 'the mutual’s lead');
    const { values, input, problems } = await readSurveyForm(body);
    if (!input) {
      this.renderSurvey(res, journey, values, buildFormErrors(problems), 400);
      return;
    }
    try {
      await this.surveys.record(user, id, input);
      setFlash(req, { heading: 'Staff survey recorded' });
      res.redirect(303, `${journeyPath(id)}#staff-surveys-heading`);
    } catch (err) {
      const formProblems = staffVoiceFormProblems(err, 'survey') ?? conflictProblems(err, 'respondents');
      if (!formProblems) throw err;
      this.renderSurvey(res, journey, values, buildFormErrors(formProblems), err instanceof BadRequestError ? 400 : 409);
      return;
    }
  }

  @Get('journeys/:id/staff-support-waiver')
  async waiverForm(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Res() res: Response): Promise<void> {
    const journey = await this.journeyFor(user, id, () => AccessPolicy.isCentral(user), 'the central team');
    this.renderWaiver(res, journey, '');
  }

  @Post('journeys/:id/staff-support-waiver')
  async waive(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const journey = await this.journeyFor(user, id, () => AccessPolicy.isCentral(user), 'the central team');
    // The API's WaiveStaffSupportDto judges it (its bound written once), in the form's words.
    const { value, errors } = await validateForm(WaiveStaffSupportDto, { reason: field(body, 'reason') }, WAIVER_WORDS);
    const reason = value.reason;
    if (errors) {
      this.renderWaiver(res, journey, reason, errors, 400);
      return;
    }
    try {
      await this.ballots.waive(user, id, reason);
    } catch (err) {
      const formProblems = conflictProblems(err, 'reason');
      if (!formProblems) throw err;
      this.renderWaiver(res, journey, reason, buildFormErrors(formProblems), 409);
      return;
    }
    setFlash(req, { heading: 'Staff support condition waived', text: 'The reason is in the journey’s history.' });
    res.redirect(303, `${journeyPath(id)}#staff-voice-heading`);
  }

  private renderBallot(res: Response, journey: JourneyEntity, values: BallotFormValues, errors?: FormErrors, status = 200): void {
    res.status(status).render('journeys/staff-ballot-new', {
      pageTitle: 'Record a staff ballot',
      journey,
      values,
      errors,
      methods: BALLOT_METHODS.map((m) => ({
        value: m,
        text: BALLOT_METHOD_LABELS[m],
        checked: values.method === m,
        ...(METHOD_HINTS[m] ? { hint: { text: METHOD_HINTS[m] } } : {}),
      })),
      backLink: journeyPath(journey.id),
    });
  }

  private renderSurvey(res: Response, journey: JourneyEntity, values: SurveyFormValues, errors?: FormErrors, status = 200): void {
    res.status(status).render('journeys/staff-survey-new', {
      pageTitle: 'Record a staff pulse survey',
      journey,
      values,
      errors,
      statements: SURVEY_STATEMENTS.map((k) => ({
        key: k,
        id: `agreement-${k}`,
        text: SURVEY_STATEMENT_TEXT[k],
        value: values.agreement[k],
      })),
      backLink: journeyPath(journey.id),
    });
  }

  private renderWaiver(res: Response, journey: JourneyEntity, reason: string, errors?: FormErrors, status = 200): void {
    res.status(status).render('journeys/staff-support-waiver', {
      pageTitle: 'Waive the staff support condition',
      journey,
      reason,
      errors,
      backLink: journeyPath(journey.id),
    });
  }
}

/** A 409 (withdrawn, already waived, surveys closed) as a message on the form. */
function conflictProblems(err: unknown, defaultField: string): FormProblem[] | null {
  return err instanceof ConflictError ? [{ field: defaultField, text: err.message }] : null;
}
