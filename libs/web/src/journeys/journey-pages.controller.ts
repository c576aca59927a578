import { Body, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { UPLOAD_OPTIONS, type UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { MultipartFields } from '@pathway/platform/storage/multipart-fields.interceptor';
import type { Request, Response } from 'express';
import type { PublicJourneyEventType } from '@pathway/domain/events';
import { blockingTasks } from '@pathway/domain/machines/blocking-tasks';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { JourneyEventsService } from '@pathway/journeys/journey-events.service';
import { JourneyTasksService } from '@pathway/journeys/journey-tasks.service';
import { positionOf } from '@pathway/journeys/journeys.service';
import { BadRequestError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { RightToProvideService } from '@pathway/right-to-provide/right-to-provide.service';
import { WebController } from '../auth/web-controller.decorator';
import { formFailureFrom, type BlockingTask } from '../domain-form-errors';
import { uploadProblem } from '../upload-problem';
import { buildFormErrors, field, type FormErrors } from '../forms';
import { setFlash, takeFlash } from '../support/flash';
import { WebIdPipe } from '../support/web-id.pipe';
import { taskPath } from './checklist';
import { decisionAttachmentView } from './history';
import { JourneyProgrammeSections } from './journey-programme';
import { actionFieldLabels, actionForm, expectedVersionFrom, isPublicEventType, readActionForm } from './journey-actions';
import {
  JourneyPageService,
  journeyDeclineGrounds,
  journeyPath,
  type ActionFormView,
  type HistoryCursor,
  type JourneyContext,
} from './journey-page.service';
import { StaffVoicePageService } from '../staff-voice/staff-voice-page.service';

const RESPOND_EVENTS: PublicJourneyEventType[] = ['accept_expression_of_interest', 'decline_expression_of_interest'];

/**
 * The journey page (`/journeys/:id`), one action at a time (`/journeys/:id/actions/:type`) and the
 * parent body's response to an expression of interest (`/journeys/:id/respond`). Actions are the
 * events JourneysService says this person may fire now; firing goes through JourneyEventsService.
 */
@WebController('journeys')
export class JourneyPagesController {
  constructor(
    private readonly pages: JourneyPageService,
    private readonly programme: JourneyProgrammeSections,
    private readonly events: JourneyEventsService,
    private readonly tasks: JourneyTasksService,
    private readonly requests: RightToProvideService,
    private readonly staffVoice: StaffVoicePageService,
  ) {}

  @Get(':id')
  async show(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.pages.page(user, id, historyCursor(req.query));
    const programme = await this.programme.sections(user, page.journey);
    res.render('journeys/show', { pageTitle: page.journey.name, flash: takeFlash(req), ...page, programme });
  }

  @Get(':id/actions/:type')
  async actionPage(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Param('type') type: string,
    @Res() res: Response,
  ): Promise<void> {
    if (!isPublicEventType(type)) throw new NotFoundError('Page');
    const ctx = await this.pages.context(user, id);
    await this.renderAction(res, user, ctx, type, {});
  }

  @Post(':id/actions/:type')
  @UseInterceptors(FileInterceptor('file', UPLOAD_OPTIONS), MultipartFields)
  async fire(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Param('type') type: string,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file: UploadedFileInput | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!isPublicEventType(type)) throw new NotFoundError('Page');
    const ctx = await this.pages.context(user, id);
    const from = field(body, 'from') === 'respond' ? 'respond' : 'journey';
    const form = this.pages.actionFormView(ctx, type);
    const definition = actionForm(type, ctx.template.legalForms, journeyDeclineGrounds(ctx.journey));
    const { payload, values, problems } = readActionForm(definition, body);
    if (problems.length) {
      return this.renderFailure(res, user, ctx, type, from, { status: 400, values, errors: buildFormErrors(problems) });
    }
    try {
      // A browser sends an empty file part when nothing was chosen: no file.
      const attached = file && file.size > 0 ? file : undefined;
      await this.events.fire(
        user,
        id,
        { type, payload, expectedVersion: expectedVersionFrom(body) },
        definition.multipart ? attached : undefined,
      );
    } catch (err) {
      const fileProblem = uploadProblem(err);
      if (fileProblem) {
        return this.renderFailure(res, user, ctx, type, from, {
          status: fileProblem.status,
          values,
          errors: buildFormErrors([{ field: 'file', text: fileProblem.text, href: `#${form.ids.file}` }]),
        });
      }
      const failure = formFailureFrom(err, { defaultField: 'action', fields: actionFieldLabels(definition) });
      if (!failure) throw err;
      const problemsWithIds = failure.problems.map((p) =>
        p.field in form.ids ? { ...p, href: `#${form.ids[p.field]}` } : { ...p, href: `#${type}-submit` },
      );
      return this.renderFailure(res, user, ctx, type, from, {
        status: failure.status,
        values,
        errors: buildFormErrors(problemsWithIds),
        blockingTasks: failure.blockingTasks,
      });
    }
    setFlash(req, { heading: form.done });
    res.redirect(303, journeyPath(id));
  }

  @Get(':id/respond')
  async respondPage(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Res() res: Response): Promise<void> {
    const ctx = await this.pages.context(user, id);
    await this.renderRespond(res, user, ctx, {});
  }

  private async renderAction(
    res: Response,
    user: Principal,
    ctx: JourneyContext,
    type: PublicJourneyEventType,
    state: { status?: number; values?: Record<string, string>; errors?: FormErrors; blockingTasks?: BlockingTask[] },
  ): Promise<void> {
    const allowed = ctx.view.allowedEvents.includes(type);
    const blocked = ctx.view.blockedEvents.find((b) => b.type === type);
    const form = this.pages.actionFormView(ctx, type, { values: state.values, errors: state.errors, from: 'journey' });
    // A guarded event that is blocked: the tasks to finish first, from the same guard the service applies.
    let blocking: BlockingTask[] | undefined = state.blockingTasks;
    if (!blocking && blocked) {
      const tasks = await this.tasks.list(user, ctx.journey.id);
      // The service's own cast: gateState is stored as text.
      blocking = blockingTasks(positionOf(ctx.journey), type, tasks as never[]) as unknown as BlockingTask[];
    }
    res.status(state.status ?? 200).render('journeys/action', {
      pageTitle: form.heading,
      journey: ctx.journey,
      form,
      allowed,
      unmetConditions: blocked?.unmetConditions.map((c) => c.message) ?? [],
      // The business case's decisions show the latest staff ballot (below the threshold said plainly).
      staffSupport: BUSINESS_CASE_EVENTS.includes(type) ? (await this.staffVoice.view(user, ctx.journey)).staffSupport : undefined,
      blockingTasks: (blocking ?? []).map((t) => ({ ...t, href: taskPath(ctx.journey.id, t.id) })),
      errors: state.errors,
      backLink: journeyPath(ctx.journey.id),
    });
  }

  private async renderRespond(
    res: Response,
    user: Principal,
    ctx: JourneyContext,
    state: { status?: number; type?: PublicJourneyEventType; values?: Record<string, string>; errors?: FormErrors },
  ): Promise<void> {
    const request = await this.requests.get(user, ctx.journey.id);
    const forms: Record<string, ActionFormView> = {};
    for (const type of RESPOND_EVENTS) {
      if (!ctx.view.allowedEvents.includes(type)) continue;
      forms[type] = this.pages.actionFormView(ctx, type, {
        from: 'respond',
        ...(state.type === type ? { values: state.values, errors: state.errors } : {}),
      });
    }
    res.status(state.status ?? 200).render('journeys/respond', {
      pageTitle: 'Respond to the expression of interest',
      journey: ctx.journey,
      request,
      // The decisions' files as download links (/files/:id), the parent body's and the appeal finding's.
      decisionFile: decisionAttachmentView(request.decision?.attachment),
      appealFile: decisionAttachmentView(request.appeal?.status === 'resolved' ? request.appeal.attachment : null),
      staffSupport: (await this.staffVoice.view(user, ctx.journey)).staffSupport,
      accept: forms.accept_expression_of_interest,
      decline: forms.decline_expression_of_interest,
      errors: state.errors,
      backLink: '/',
    });
  }

  private async renderFailure(
    res: Response,
    user: Principal,
    ctx: JourneyContext,
    type: PublicJourneyEventType,
    from: 'journey' | 'respond',
    state: { status: number; values: Record<string, string>; errors?: FormErrors; blockingTasks?: BlockingTask[] },
  ): Promise<void> {
    if (from === 'respond' && RESPOND_EVENTS.includes(type) && (ctx.view.allowedEvents.includes(type) || state.status !== 409)) {
      return this.renderRespond(res, user, ctx, { status: state.status, type, values: state.values, errors: state.errors });
    }
    return this.renderAction(res, user, ctx, type, state);
  }
}

/** The events whose pages show the latest staff ballot. */
const BUSINESS_CASE_EVENTS: readonly string[] = ['submit_business_case', 'approve_business_case', 'return_business_case'];

/** `?historyBefore=` / `?historyAfter=`: a history cursor, or a 400 naming the parameter. */
function historyCursor(query: Request['query']): HistoryCursor {
  const cursor: HistoryCursor = {};
  for (const [param, key] of [
    ['historyBefore', 'before'],
    ['historyAfter', 'after'],
  ] as const) {
    const value = query[param];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !/^(0|[1-9]\d{0,17})$/.test(value))
      throw new BadRequestError([`${param} must be a cursor from a history link`]);
    cursor[key] = value;
  }
  if (cursor.before && cursor.after) throw new BadRequestError(['historyBefore and historyAfter cannot be used together']);
  return cursor;
}
