import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DONE_TASK_STATUSES } from '@pathway/domain/vocabulary';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { CreateTaskDto } from '@pathway/journeys/dto/task.dto';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { JourneyTasksService } from '@pathway/journeys/journey-tasks.service';
import { JourneysService } from '@pathway/journeys/journeys.service';
import { ForbiddenError } from '@pathway/platform/errors/domain-errors';
import { WebController } from '../auth/web-controller.decorator';
import { dateInputItems, parseDateInput, type DatePart } from '../date-input';
import { formFailureFrom } from '../domain-form-errors';
import { buildFormErrors, dtoProblems, field, inPageOrder, type FormErrors, type FormProblem, type FormWords } from '../forms';
import { label } from '../labels';
import { taskPath } from '../journeys/checklist';
import { journeyPath } from '../journeys/journey-page.service';
import { setFlash } from '../support/flash';
import { WebIdPipe } from '../support/web-id.pipe';
import { ownerPartiesFor } from './task-owners';

interface NewTaskValues {
  title: string;
  ownerParty: string;
  guidance: string;
  mandatory: string;
  dependsOn: string[];
  dueDate: { day: string; month: string; year: string };
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Words for what CreateTaskDto refuses once the form has read what was typed. */
const NEW_TASK_WORDS: FormWords = {
  title: { maxLength: 'The task must be 200 characters or fewer', '*': 'Enter what the task is' },
  guidance: { maxLength: 'Guidance must be 5,000 characters or fewer' },
  dependsOn: { arrayMaxSize: 'Select 20 tasks or fewer that it waits for', '*': 'Select the tasks it waits for from the list' },
};
/** The fields in page order, for the error summary. */
const NEW_TASK_ORDER = ['title', 'ownerParty', 'dueDate', 'dependsOn', 'guidance'];

/**
 * `/journeys/:id/new-task`: a task of the journey's own, with an owner, a due date and the tasks
 * it waits for, through JourneyTasksService.create (the rule of who may add what is there, and
 * in the API's DTO, which this form validates against too).
 */
@WebController('journeys')
export class NewTaskPageController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly tasks: JourneyTasksService,
  ) {}

  @Get(':id/new-task')
  async form(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Res() res: Response): Promise<void> {
    const { journey } = await this.journeys.get(user, id);
    const owners = ownerPartiesFor(user, journey);
    if (!owners.length) throw new ForbiddenError('Only the mutual’s lead or the central team can add tasks');
    const values: NewTaskValues = {
      title: '',
      ownerParty: owners.length === 1 ? owners[0] : '',
      guidance: '',
      mandatory: '',
      dependsOn: [],
      dueDate: { day: '', month: '', year: '' },
    };
    await this.render(res, user, journey, owners, values);
  }

  @Post(':id/new-task')
  async create(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { journey } = await this.journeys.get(user, id);
    const owners = ownerPartiesFor(user, journey);
    if (!owners.length) throw new ForbiddenError('Only the mutual’s lead or the central team can add tasks');
    const date = parseDateInput(body, { name: 'dueDate', label: 'the due date', notInPast: true });
    const values: NewTaskValues = {
      title: field(body, 'title').trim(),
      ownerParty: owners.length === 1 ? owners[0] : field(body, 'ownerParty'),
      guidance: field(body, 'guidance'),
      mandatory: field(body, 'mandatory'),
      dependsOn: asList(body.dependsOn),
      dueDate: date.values,
    };
    const problems: FormProblem[] = [];
    if (!values.title) problems.push({ field: 'title', text: 'Enter what the task is' });
    if (!owners.includes(values.ownerParty)) problems.push({ field: 'ownerParty', text: 'Select who owes the task', href: '#ownerParty' });
    if (date.problem) problems.push(date.problem);
    const dto = {
      title: values.title,
      ownerParty: values.ownerParty,
      ...(date.value ? { dueDate: date.value } : {}),
      ...(values.dependsOn.length ? { dependsOn: values.dependsOn } : {}),
      ...(values.guidance.trim() ? { guidance: values.guidance } : {}),
      mandatory: values.mandatory === 'yes',
    };
    // The API's rules for the same body (a rule lives once), in the form's words: whatever the form's reading did not refuse.
    problems.push(...(await dtoProblems(CreateTaskDto, dto, NEW_TASK_WORDS, problems)));
    inPageOrder(problems, NEW_TASK_ORDER);
    if (problems.length) {
      return this.render(res, user, journey, owners, values, buildFormErrors(problems), date.problem?.parts ?? [], 400);
    }
    try {
      const task = await this.tasks.create(user, id, dto as CreateTaskDto);
      setFlash(req, { heading: 'Task added', text: `‘${task.title}’ is on the checklist.` });
      res.redirect(303, taskPath(id, task.id));
    } catch (err) {
      const failure = formFailureFrom(err, {
        defaultField: 'title',
        fields: { title: 'the task', dependsOn: 'the tasks it waits for', dueDate: 'the due date' },
      });
      if (!failure) throw err;
      return this.render(res, user, journey, owners, values, buildFormErrors(failure.problems), [], failure.status);
    }
  }

  private async render(
    res: Response,
    user: Principal,
    journey: JourneyEntity,
    owners: readonly string[],
    values: NewTaskValues,
    errors?: FormErrors,
    dateErrorParts: DatePart[] = [],
    status = 200,
  ): Promise<void> {
    const all = await this.tasks.list(user, journey.id);
    const open = all.filter((t) => !(DONE_TASK_STATUSES as readonly string[]).includes(t.status) && t.phase === journey.phase);
    res.status(status).render('tasks/new', {
      pageTitle: 'Add a task',
      journey,
      values,
      errors,
      dateItems: dateInputItems(values.dueDate, dateErrorParts),
      ownerItems: owners.map((o) => ({ value: o, text: label(o, 'ownerParty'), checked: values.ownerParty === o })),
      fixedOwner: owners.length === 1 ? label(owners[0], 'ownerParty') : null,
      dependencyItems: open.map((t) => ({ value: t.key, text: t.title, checked: values.dependsOn.includes(t.key) })),
      phaseName: label(journey.phase, 'phase'),
      backLink: `${journeyPath(journey.id)}#checklist`,
    });
  }
}
