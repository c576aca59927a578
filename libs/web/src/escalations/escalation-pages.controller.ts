import { Body, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { UPLOAD_OPTIONS, type UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { MultipartFields } from '@pathway/platform/storage/multipart-fields.interceptor';
import { uploadProblem } from '../upload-problem';
import type { Request, Response } from 'express';
import { TOP_LEVEL } from '@pathway/escalations/escalation-chain';
import { CONFIDENTIAL_RAISER } from '@pathway/escalations/escalation.dto';
import type { EscalationEntity } from '@pathway/escalations/escalation.entity';
import { EscalationsService } from '@pathway/escalations/escalations.service';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { JourneyTasksService } from '@pathway/journeys/journey-tasks.service';
import { JourneysService } from '@pathway/journeys/journeys.service';
import { WebController } from '../auth/web-controller.decorator';
import { formFailureFrom } from '../domain-form-errors';
import { buildFormErrors, type FormErrors } from '../forms';
import { taskPath } from '../journeys/checklist';
import { journeyPath } from '../journeys/journey-page.service';
import { setFlash, takeFlash } from '../support/flash';
import { LookupsService } from '../support/lookups.service';
import { WebIdPipe } from '../support/web-id.pipe';
import { readConcernForm, readEscalateForm, readResolveForm, type ConcernValues, type ResolveValues } from './escalation.forms';
import { decisionAttachmentView, declineDecision } from '../journeys/history';

export const escalationPath = (id: string): string => `/escalations/${id}`;
const LEVEL_NAMES: Record<number, string> = { 1: 'Level 1: the government department', 2: 'Level 2: the independent arbiter' };

/**
 * Escalations: one escalation (`/escalations/:id`) with its resolve and raise forms for the
 * organisation it is assigned to, and raising a concern on a journey
 * (`/journeys/:id/escalations/new`). EscalationsService decides who may do what.
 */
@WebController()
export class EscalationPagesController {
  constructor(
    private readonly escalations: EscalationsService,
    private readonly journeys: JourneysService,
    private readonly tasks: JourneyTasksService,
    private readonly lookups: LookupsService,
  ) {}

  @Get('escalations/:id')
  async show(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const escalation = await this.escalations.get(user, id);
    await this.render(res, user, escalation, { values: { outcome: '', resolution: '' }, flash: takeFlash(req) });
  }

  @Post('escalations/:id/resolve')
  @UseInterceptors(FileInterceptor('file', UPLOAD_OPTIONS), MultipartFields)
  async resolve(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file: UploadedFileInput | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const escalation = await this.escalations.get(user, id);
    const isAppeal = escalation.trigger === 'appeal';
    const { values, input, problems } = await readResolveForm(body, isAppeal);
    if (!input) return this.render(res, user, escalation, { values, errors: buildFormErrors(problems), status: 400 });
    try {
      // A browser sends an empty file part when nothing was chosen: no file.
      await this.escalations.resolve(user, id, input, file && file.size > 0 ? file : undefined);
    } catch (err) {
      const fileProblem = uploadProblem(err);
      if (fileProblem) {
        return this.render(res, user, await this.escalations.get(user, id), {
          values,
          errors: buildFormErrors([{ field: 'file', text: fileProblem.text, href: '#file' }]),
          status: fileProblem.status,
        });
      }
      const failure = formFailureFrom(err, {
        defaultField: 'resolution',
        fields: { resolution: 'Resolution', outcome: 'Outcome', governance: 'Who made this decision', conditions: 'Conditions' },
      });
      if (!failure) throw err;
      return this.render(res, user, await this.escalations.get(user, id), {
        values,
        errors: buildFormErrors(failure.problems),
        status: failure.status,
      });
    }
    setFlash(req, {
      heading: isAppeal ? `Appeal ${input.outcome === 'upheld' ? 'upheld' : 'dismissed'}` : 'Escalation resolved',
      text: isAppeal
        ? input.outcome === 'upheld'
          ? 'The parent body has been asked to decide again, with a new deadline and your finding.'
          : 'The decision stands.'
        : undefined,
    });
    res.redirect(303, escalationPath(id));
  }

  @Post('escalations/:id/escalate')
  async escalate(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const escalation = await this.escalations.get(user, id);
    const { reason, problems } = await readEscalateForm(body);
    const values = { outcome: '', resolution: '', escalateReason: reason };
    if (problems.length) return this.render(res, user, escalation, { values, errors: buildFormErrors(problems), status: 400 });
    try {
      await this.escalations.escalate(user, id, reason);
    } catch (err) {
      const failure = formFailureFrom(err, { defaultField: 'escalateReason', fields: { reason: 'Your reason' } });
      if (!failure) throw err;
      return this.render(res, user, escalation, { values, errors: buildFormErrors(failure.problems), status: failure.status });
    }
    setFlash(req, { heading: 'Escalation raised to the independent arbiter' });
    res.redirect(303, escalationPath(id));
  }

  @Get('journeys/:id/escalations/new')
  async concernForm(@CurrentUser() user: Principal, @Param('id', WebIdPipe) journeyId: string, @Res() res: Response): Promise<void> {
    await this.renderConcern(res, user, journeyId, { reason: '', conflictOfInterest: false, confidential: false, taskId: '' });
  }

  @Post('journeys/:id/escalations/new')
  async raiseConcern(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) journeyId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const tasks = await this.tasks.list(user, journeyId);
    const { values, input, problems } = await readConcernForm(
      body,
      tasks.map((t) => t.id),
    );
    if (!input) return this.renderConcern(res, user, journeyId, values, buildFormErrors(problems), 400);
    try {
      const escalation = await this.escalations.raiseConcern(user, journeyId, input);
      setFlash(req, {
        heading: 'Your concern has been raised',
        text: escalation.confidential
          ? 'It is with the central team. The other parties see the concern but not who raised it.'
          : `It is with ${escalation.level >= TOP_LEVEL ? 'the independent arbiter' : 'the government department'}.`,
      });
      res.redirect(303, escalationPath(escalation.id));
    } catch (err) {
      const failure = formFailureFrom(err, { defaultField: 'reason', fields: { reason: 'Your concern', taskId: 'Task' } });
      if (!failure) throw err;
      return this.renderConcern(res, user, journeyId, values, buildFormErrors(failure.problems), failure.status);
    }
  }

  private async render(
    res: Response,
    user: Principal,
    e: EscalationEntity,
    state: {
      values: ResolveValues & { escalateReason?: string };
      errors?: FormErrors;
      status?: number;
      flash?: { heading: string; text?: string };
    },
  ): Promise<void> {
    const { decideBy, attachment } = await this.escalations.withDecideBy(e);
    // An appeal is decided on the decision it appeals: show the latest decline with its ground and reasons.
    const [{ journey }, decline] = await Promise.all([
      this.journeys.get(user, e.journeyId),
      e.trigger === 'appeal'
        ? this.journeys.latestHistoryOf(e.journeyId, ['decline_expression_of_interest', 'reject_business_case'], e.openedAt)
        : Promise.resolve(null),
    ]);
    const task = e.taskId ? await this.tasks.get(user, e.journeyId, e.taskId).catch(() => null) : null;
    const [orgNames, userNames] = await Promise.all([
      this.lookups.organisationNames([e.assignedOrganisationId, journey.parentBodyId]),
      this.lookups.userNames([AccessPolicy.canSeeRaiser(user, e) ? e.openedByUserId : null, e.resolvedByUserId]),
    ]);
    const canAct = e.status === 'open' && AccessPolicy.canActOnEscalation(user, e);
    res.status(state.status ?? 200).render('escalations/show', {
      pageTitle: `${e.trigger === 'appeal' ? 'Appeal' : 'Escalation'}: ${journey.name}`,
      escalation: e,
      journey,
      task: task ? { title: task.title, href: taskPath(journey.id, task.id) } : null,
      assignedTo: orgNames.get(e.assignedOrganisationId) ?? 'Another organisation',
      levelName: e.confidential && e.level === 1 ? 'The central team (confidential concern)' : (LEVEL_NAMES[e.level] ?? `Level ${e.level}`),
      decideBy: decideBy ? decideBy.toISOString() : null,
      openedBy: !AccessPolicy.canSeeRaiser(user, e)
        ? CONFIDENTIAL_RAISER
        : e.openedByUserId
          ? `${userNames.get(e.openedByUserId) ?? 'A former user'}${e.confidential ? ' (raised confidentially: shown only to the central team and the raiser)' : ''}`
          : 'Pathway (automatic)',
      resolutionAttachment: decisionAttachmentView(attachment),
      resolvedBy: e.resolvedByUserId ? (userNames.get(e.resolvedByUserId) ?? 'A former user') : null,
      appealedDecision: declineDecision(decline ?? undefined, orgNames.get(journey.parentBodyId)),
      canResolve: canAct,
      canEscalate: canAct && e.level < TOP_LEVEL,
      isAppeal: e.trigger === 'appeal',
      values: state.values,
      errors: state.errors,
      flash: state.flash,
      backLink: journeyPath(journey.id),
    });
  }

  private async renderConcern(
    res: Response,
    user: Principal,
    journeyId: string,
    values: ConcernValues,
    errors?: FormErrors,
    status = 200,
  ): Promise<void> {
    const [{ journey }, tasks] = await Promise.all([this.journeys.get(user, journeyId), this.tasks.list(user, journeyId)]);
    const names = await this.lookups.organisationNames([journey.departmentId, journey.arbiterId]);
    res.status(status).render('escalations/new', {
      pageTitle: 'Raise a concern',
      journey,
      values,
      errors,
      departmentName: journey.departmentId ? (names.get(journey.departmentId) ?? null) : null,
      arbiterName: journey.arbiterId ? (names.get(journey.arbiterId) ?? null) : null,
      taskOptions: [
        { value: '', text: 'Not about a particular task', selected: !values.taskId },
        ...tasks.map((t) => ({ value: t.id, text: t.title, selected: t.id === values.taskId })),
      ],
      backLink: journeyPath(journeyId),
    });
  }
}
