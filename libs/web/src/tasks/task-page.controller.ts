import { Body, Get, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { presentAttachment, presentComment } from '@pathway/daily-work/evidence.dto';
import { ALLOWED_TYPES, MAX_FILE_BYTES } from '@pathway/platform/storage/file-type-check';
import { UPLOAD_OPTIONS, type UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { MultipartFields } from '@pathway/platform/storage/multipart-fields.interceptor';
import { TaskAttachmentsService } from '@pathway/daily-work/task-attachments.service';
import { MAX_COMMENT_LENGTH, TaskCommentsService } from '@pathway/daily-work/task-comments.service';
import { characterCount } from '@pathway/domain/bounds/bounds';
import type { Request, Response } from 'express';
import { DONE_TASK_STATUSES } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { SETTABLE_TASK_STATUSES } from '@pathway/journeys/dto/task.dto';
import type { JourneyTaskEntity } from '@pathway/journeys/entities/journey-task.entity';
import { JourneyTasksService } from '@pathway/journeys/journey-tasks.service';
import { JourneysService } from '@pathway/journeys/journeys.service';
import { presentTask } from '@pathway/journeys/presenters';
import { ConflictError } from '@pathway/platform/errors/domain-errors';
import { RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY } from '@pathway/domain/template/validate-template';
import { WebController } from '../auth/web-controller.decorator';
import { dateInputItems, dateInputValues, type DatePart } from '../date-input';
import { formFailureFrom } from '../domain-form-errors';
import { buildFormErrors, field, type FormErrors, type FormProblem } from '../forms';
import { label } from '../labels';
import { taskPath } from '../journeys/checklist';
import { journeyPath } from '../journeys/journey-page.service';
import { setFlash, takeFlash } from '../support/flash';
import { LookupsService } from '../support/lookups.service';
import { WebIdPipe } from '../support/web-id.pipe';
import { readTaskForm, TASK_FIELDS, type TaskFormValues } from './task.form';

const isDone = (status: string) => (DONE_TASK_STATUSES as readonly string[]).includes(status);

/**
 * A checklist task (`/journeys/:id/tasks/:taskId`): its guidance, owner, deadline and dependencies,
 * and a form for its owner to change its status or due date (JourneyTasksService.update, which
 * enforces who may and the dependency rule).
 */
@WebController('journeys')
export class TaskPageController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly tasks: JourneyTasksService,
    private readonly lookups: LookupsService,
    private readonly comments: TaskCommentsService,
    private readonly attachments: TaskAttachmentsService,
  ) {}

  @Post(':id/tasks/:taskId/comments')
  async comment(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Param('taskId', WebIdPipe) taskId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const task = await this.tasks.get(user, id, taskId);
    const text = field(body, 'body');
    try {
      await this.comments.add(user, id, taskId, text);
    } catch (err) {
      const failure = formFailureFrom(err, { defaultField: 'commentBody', fields: { body: 'Comment' } });
      if (!failure) throw err;
      const problems = failure.problems.map((p) => ({
        ...p,
        field: 'commentBody',
        href: '#commentBody',
        text: !text.trim()
          ? 'Enter a comment'
          : characterCount(text.trim()) > MAX_COMMENT_LENGTH
            ? 'Your comment must be 5,000 characters or fewer'
            : p.text,
      }));
      return this.render(res, user, id, task, this.valuesOf(task), buildFormErrors(problems), [], failure.status, { commentBody: text });
    }
    setFlash(req, { heading: 'Comment added' });
    res.redirect(303, `${taskPath(id, taskId)}#evidence`);
  }

  @Post(':id/tasks/:taskId/links')
  async link(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Param('taskId', WebIdPipe) taskId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const task = await this.tasks.get(user, id, taskId);
    const input = { url: field(body, 'url').trim(), title: field(body, 'linkTitle').trim() };
    try {
      await this.attachments.addLink(user, id, taskId, input);
    } catch (err) {
      const failure = formFailureFrom(err, { defaultField: 'url', fields: { url: 'Link', title: 'Title' } });
      if (!failure) throw err;
      const problems = failure.problems.map((p) =>
        p.field === 'url' || /url/.test(p.text)
          ? { field: 'url', href: '#url', text: 'Enter a web address starting http:// or https://' }
          : { ...p, field: 'linkTitle', href: '#linkTitle' },
      );
      return this.render(res, user, id, task, this.valuesOf(task), buildFormErrors(problems), [], failure.status, {
        url: input.url,
        linkTitle: input.title,
      });
    }
    setFlash(req, { heading: 'Link added' });
    res.redirect(303, `${taskPath(id, taskId)}#evidence`);
  }

  @Post(':id/tasks/:taskId/files')
  @UseInterceptors(FileInterceptor('file', UPLOAD_OPTIONS), MultipartFields)
  async upload(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Param('taskId', WebIdPipe) taskId: string,
    @Body() body: Record<string, unknown>,
    @UploadedFile() file: UploadedFileInput | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const task = await this.tasks.get(user, id, taskId);
    const title = field(body, 'fileTitle').trim();
    if (!file)
      return this.render(
        res,
        user,
        id,
        task,
        this.valuesOf(task),
        buildFormErrors([{ field: 'file', href: '#file', text: 'Select a file to upload' }]),
        [],
        400,
        { fileTitle: title },
      );
    try {
      await this.attachments.addFile(user, id, taskId, file, { title });
    } catch (err) {
      const status = (err as { getStatus?: () => number }).getStatus?.();
      if (status === 413 || status === 415) {
        const text =
          status === 413
            ? `The file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB`
            : 'The file must be a PDF, image, Word, Excel, PowerPoint, OpenDocument, CSV or text file';
        return this.render(
          res,
          user,
          id,
          task,
          this.valuesOf(task),
          buildFormErrors([{ field: 'file', href: '#file', text }]),
          [],
          status,
          { fileTitle: title },
        );
      }
      const failure = formFailureFrom(err, { defaultField: 'file', fields: { file: 'File', title: 'Title' } });
      if (!failure) throw err;
      return this.render(
        res,
        user,
        id,
        task,
        this.valuesOf(task),
        buildFormErrors(failure.problems.map((p) => ({ ...p, field: p.field === 'title' ? 'fileTitle' : 'file' }))),
        [],
        failure.status,
        { fileTitle: title },
      );
    }
    setFlash(req, { heading: 'File uploaded' });
    res.redirect(303, `${taskPath(id, taskId)}#evidence`);
  }

  @Get(':id/tasks/:taskId')
  async show(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Param('taskId', WebIdPipe) taskId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const task = await this.tasks.get(user, id, taskId);
    // "Comment added", "File uploaded", "Task added": shown here, once, not later on another page.
    res.locals.flash = takeFlash(req);
    await this.render(res, user, id, task, this.valuesOf(task));
  }

  @Post(':id/tasks/:taskId')
  async update(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Param('taskId', WebIdPipe) taskId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const task = await this.tasks.get(user, id, taskId);
    const { values, dto, problems, dateErrorParts } = await readTaskForm(body, task);
    if (!dto) return this.render(res, user, id, task, values, buildFormErrors(problems), dateErrorParts, 400);
    if (Object.keys(dto).length === 0) {
      setFlash(req, { heading: `No changes made to ‘${task.title}’` });
      return res.redirect(303, `${journeyPath(id)}#checklist`);
    }
    try {
      const updated = await this.tasks.update(user, id, taskId, dto);
      const what = !dto.status
        ? dto.dueDate
          ? `Due date of ‘${updated.title}’ changed`
          : `‘${updated.title}’ ${updated.assigneeUserId ? 'assigned' : 'unassigned'}`
        : updated.status === 'cannot_start_yet'
          ? `‘${updated.title}’ cannot start yet: the tasks before it are not all completed`
          : `‘${updated.title}’ is now ${label(updated.status, 'taskStatus').toLowerCase()}`;
      setFlash(req, { heading: what });
      res.redirect(303, `${journeyPath(id)}#checklist`);
    } catch (err) {
      const failure = formFailureFrom(err, { defaultField: 'status', fields: TASK_FIELDS });
      if (!failure) throw err;
      let problems: FormProblem[] = failure.problems;
      if (err instanceof ConflictError && dto.status && ['in_progress', 'completed'].includes(dto.status)) {
        // The dependency rule: name the tasks still open, by title, linking to the first.
        const all = await this.tasks.list(user, id);
        const open = task.dependsOn
          .map((k) => all.find((t) => t.key === k))
          .filter((t): t is JourneyTaskEntity => !!t && !isDone(t.status));
        if (open.length) {
          problems = [
            {
              field: 'status',
              text: `You cannot ${dto.status === 'completed' ? 'complete' : 'start'} this task until ${open.length === 1 ? 'this task is' : 'these tasks are'} completed: ${open.map((t) => t.title).join('; ')}`,
              href: '#dependencies',
            },
          ];
        }
      }
      const withHrefs = problems.map((p) => (p.href ? p : { ...p, href: p.field === 'dueDate' ? '#dueDate-day' : `#${p.field}` }));
      return this.render(res, user, id, task, values, buildFormErrors(withHrefs), [], failure.status);
    }
  }

  private valuesOf(task: JourneyTaskEntity): TaskFormValues {
    return {
      status: task.status === 'cannot_start_yet' ? '' : task.status,
      notApplicableReason: task.notApplicableReason ?? '',
      dueDate: dateInputValues(task.dueDate),
      assigneeUserId: task.assigneeUserId ?? '',
    };
  }

  private async render(
    res: Response,
    user: Principal,
    journeyId: string,
    task: JourneyTaskEntity,
    values: TaskFormValues,
    errors?: FormErrors,
    dateErrorParts: DatePart[] = [],
    status = 200,
    evidenceValues: Record<string, string> = {},
  ): Promise<void> {
    const [{ journey }, all, comments, attachments, people] = await Promise.all([
      this.journeys.get(user, journeyId),
      this.tasks.list(user, journeyId),
      this.comments.list(user, journeyId, task.id),
      this.attachments.list(user, journeyId, task.id),
      this.lookups.usersOf(task.ownerOrganisationId),
    ]);
    const names = await this.lookups.organisationNames([task.ownerOrganisationId]);
    const dto = presentTask(task);
    const link = (t: JourneyTaskEntity) => ({ title: t.title, href: taskPath(journeyId, t.id), status: t.status });
    const dependencies = task.dependsOn
      .map((k) => all.find((t) => t.key === k))
      .filter((t): t is JourneyTaskEntity => !!t)
      .map(link);
    const dependents = all.filter((t) => t.dependsOn.includes(task.key)).map(link);
    res.status(status).render('tasks/show', {
      pageTitle: task.title,
      journey,
      task: dto,
      ownerName: task.ownerOrganisationId ? (names.get(task.ownerOrganisationId) ?? null) : null,
      dependencies,
      dependents,
      canUpdate: AccessPolicy.canUpdateTask(user, journey, task) && journey.state !== 'withdrawn',
      canOverride: AccessPolicy.isCentral(user),
      statusOptions: SETTABLE_TASK_STATUSES,
      isResponseTask: task.key === RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY && user.role === 'parent_body_officer',
      values,
      errors,
      dateItems: dateInputItems(values.dueDate, dateErrorParts),
      assignee: task.assigneeUserId
        ? (people.find((u) => u.id === task.assigneeUserId)?.name ?? 'Someone no longer in the organisation')
        : null,
      assigneeItems: [{ value: '', text: 'Nobody' }, ...people.map((u) => ({ value: u.id, text: u.name }))].map((o) => ({
        ...o,
        selected: o.value === (values.assigneeUserId ?? ''),
      })),
      comments: comments.items.map(presentComment),
      attachments: attachments.items.map(presentAttachment).map((a) => ({ ...a, href: a.kind === 'file' ? `/files/${a.id}` : a.url })),
      evidenceValues,
      allowedTypes: [...new Set(Object.values(ALLOWED_TYPES))].join(', '),
      maxFileMb: MAX_FILE_BYTES / 1024 / 1024,
      backLink: `${journeyPath(journeyId)}#checklist`,
    });
  }
}
