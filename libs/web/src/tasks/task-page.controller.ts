import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DONE_TASK_STATUSES } from '../../../domain/src/vocabulary';
import { AccessPolicy } from '../../../identity/src/access-policy';
import { CurrentUser } from '../../../identity/src/auth.decorators';
import type { Principal } from '../../../identity/src/principal';
import { SETTABLE_TASK_STATUSES } from '../../../journeys/src/dto/task.dto';
import type { JourneyTaskEntity } from '../../../journeys/src/entities/journey-task.entity';
import { JourneyTasksService } from '../../../journeys/src/journey-tasks.service';
import { JourneysService } from '../../../journeys/src/journeys.service';
import { presentTask } from '../../../journeys/src/presenters';
import { ConflictError } from '../../../platform/src/errors/domain-errors';
import { RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY } from '../../../domain/src/template/validate-template';
import { WebController } from '../auth/web-controller.decorator';
import { dateInputItems, dateInputValues, type DatePart } from '../date-input';
import { formFailureFrom } from '../domain-form-errors';
import { buildFormErrors, type FormErrors, type FormProblem } from '../forms';
import { label } from '../labels';
import { taskPath } from '../journeys/checklist';
import { journeyPath } from '../journeys/journey-page.service';
import { setFlash } from '../support/flash';
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
  ) {}

  @Get(':id/tasks/:taskId')
  async show(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Param('taskId', WebIdPipe) taskId: string, @Res() res: Response): Promise<void> {
    const task = await this.tasks.get(user, id, taskId);
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
    const { values, dto, problems, dateErrorParts } = readTaskForm(body, task);
    if (!dto) return this.render(res, user, id, task, values, buildFormErrors(problems), dateErrorParts, 400);
    if (Object.keys(dto).length === 0) {
      setFlash(req, { heading: `No changes made to ‘${task.title}’` });
      return res.redirect(303, `${journeyPath(id)}#checklist`);
    }
    try {
      const updated = await this.tasks.update(user, id, taskId, dto);
      const what = !dto.status
        ? `Due date of ‘${updated.title}’ changed`
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
        const open = task.dependsOn.map((k) => all.find((t) => t.key === k)).filter((t): t is JourneyTaskEntity => !!t && !isDone(t.status));
        if (open.length) {
          problems = [{ field: 'status', text: `You cannot ${dto.status === 'completed' ? 'complete' : 'start'} this task until ${open.length === 1 ? 'this task is' : 'these tasks are'} completed: ${open.map((t) => t.title).join('; ')}`, href: '#dependencies' }];
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
  ): Promise<void> {
    const [{ journey }, all] = await Promise.all([this.journeys.get(user, journeyId), this.tasks.list(user, journeyId)]);
    const names = await this.lookups.organisationNames([task.ownerOrganisationId]);
    const dto = presentTask(task);
    const link = (t: JourneyTaskEntity) => ({ title: t.title, href: taskPath(journeyId, t.id), status: t.status });
    const dependencies = task.dependsOn.map((k) => all.find((t) => t.key === k)).filter((t): t is JourneyTaskEntity => !!t).map(link);
    const dependents = all.filter((t) => t.dependsOn.includes(task.key)).map(link);
    res.status(status).render('tasks/show', {
      pageTitle: task.title,
      journey,
      task: dto,
      ownerName: task.ownerOrganisationId ? (names.get(task.ownerOrganisationId) ?? null) : null,
      dependencies,
      dependents,
      canUpdate: AccessPolicy.canUpdateTask(user, journey, task) && journey.state !== 'withdrawn',
      statusOptions: SETTABLE_TASK_STATUSES,
      isResponseTask: task.key === RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY && user.role === 'parent_body_officer',
      values,
      errors,
      dateItems: dateInputItems(values.dueDate, dateErrorParts),
      backLink: `${journeyPath(journeyId)}#checklist`,
    });
  }
}
