import { BadRequestError, ConflictError, ForbiddenError, GuardFailedError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { formFailureFrom } from './domain-form-errors';
import { readConcernForm, readEscalateForm, readResolveForm } from './escalations/escalation.forms';
import { UpdateNotificationPreferencesDto } from '@pathway/notifications/notification-preferences.dto';
import { buildFormErrors, validateForm } from './forms';
import { readNewJourneyForm } from './journeys/new-journey.form';
import { notificationHref } from '@pathway/notifications/notification-links';
import { filterQuery, readPipelineFilters } from './pipeline/pipeline-filters';
import { readTaskForm } from './tasks/task.form';

describe('buildFormErrors', () => {
  it('keeps every summary line but one inline message per field', () => {
    expect(
      buildFormErrors([
        { field: 'a', text: 'One' },
        { field: 'a', text: 'Two', href: '#x' },
        { field: 'a', text: 'One' },
      ]),
    ).toEqual({
      fields: { a: { text: 'One' } },
      list: [
        { text: 'One', href: '#a' },
        { text: 'Two', href: '#x' },
      ],
    });
    expect(buildFormErrors([])).toBeUndefined();
  });
});

describe('formFailureFrom', () => {
  const opts = { defaultField: 'submit', fields: { reasons: 'Your reasons' } };
  it('maps 400 messages to fields, 409 and 422 to the form, and leaves 403/404 to the error pages', () => {
    expect(
      formFailureFrom(new BadRequestError(['payload.reasons must be at most 10000 characters', 'something else went wrong']), opts),
    ).toEqual({
      status: 400,
      problems: [
        { field: 'reasons', text: 'Your reasons must be 10,000 characters or fewer' },
        { field: 'submit', text: 'Something else went wrong' },
      ],
    });
    expect(formFailureFrom(new ConflictError('The journey has changed'), opts)).toEqual({
      status: 409,
      problems: [{ field: 'submit', text: 'The journey has changed' }],
    });
    const guard = formFailureFrom(new GuardFailedError('Needs tasks', [{ id: 't1', key: 'k', title: 'T', status: 'not_started' }]), opts);
    expect(guard).toMatchObject({ status: 422, blockingTasks: [{ id: 't1', title: 'T' }] });
    expect(formFailureFrom(new ForbiddenError('no'), opts)).toBeNull();
    expect(formFailureFrom(new NotFoundError('Journey'), opts)).toBeNull();
    expect(formFailureFrom(new Error('boom'), opts)).toBeNull();
  });
});

describe('readNewJourneyForm', () => {
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  const [m1, p1, c1, d1, a1] = [1, 2, 3, 4, 5].map(id);
  const choices = { mutual: [m1], parent_body: [p1], commissioner: [c1], department: [d1], arbiter: [a1] };
  const good = {
    name: ' Health spin-out ',
    mutualOrganisationId: m1,
    parentBodyId: p1,
    departmentId: d1,
    serviceArea: 'health',
    region: 'london',
    staffCount: '1,400',
    'plannedTransferDate-day': '1',
    'plannedTransferDate-month': '10',
    'plannedTransferDate-year': String(new Date().getUTCFullYear() + 2),
  };
  const now = new Date();

  it('builds the CreateJourneyDto, leaving optional parties out when not chosen', async () => {
    expect((await readNewJourneyForm(good, choices, null, now)).dto).toEqual({
      name: 'Health spin-out',
      mutualOrganisationId: m1,
      parentBodyId: p1,
      departmentId: d1,
      serviceArea: 'health',
      region: 'london',
      staffCount: 1400,
      plannedTransferDate: `${good['plannedTransferDate-year']}-10-01`,
    });
  });

  it('fixes a mutual lead’s own organisation whatever was posted', async () => {
    const mine = id(9);
    expect((await readNewJourneyForm({ ...good, mutualOrganisationId: m1 }, choices, mine, now)).dto?.mutualOrganisationId).toBe(mine);
  });

  it('lists the problems in page order in GOV.UK words', async () => {
    const { problems, dto } = await readNewJourneyForm(
      {
        staffCount: 'lots',
        commissionerId: 'nope',
        'plannedTransferDate-day': '1',
        'plannedTransferDate-month': '1',
        'plannedTransferDate-year': '2020',
      },
      choices,
      null,
      now,
    );
    expect(dto).toBeUndefined();
    expect(problems.map((p) => p.text)).toEqual([
      'Enter a name for the journey',
      'Select the mutual',
      'Select the parent body',
      'Select a commissioner from the list, or none',
      'Select the service area',
      'Select the region',
      'Number of staff must be a whole number, like 120',
      'The planned transfer date must be today or in the future',
    ]);
  });

  it('refuses what CreateJourneyDto refuses, in the form’s words: the API’s bounds, written once', async () => {
    const far = String(new Date().getUTCFullYear() + 11);
    const { problems, dto, dateErrorParts } = await readNewJourneyForm(
      { ...good, name: 'x'.repeat(201), staffCount: '1,000,001', 'plannedTransferDate-year': far },
      choices,
      null,
      now,
    );
    expect(dto).toBeUndefined();
    expect(problems).toEqual([
      { field: 'name', text: 'Journey name must be 200 characters or fewer' },
      { field: 'staffCount', text: 'Number of staff must be 1,000,000 or fewer' },
      {
        field: 'plannedTransferDate',
        text: expect.stringMatching(/^The planned transfer date must be no more than 10 years ahead, on or before \d{1,2} \w+ \d{4}$/),
        href: '#plannedTransferDate-day',
      },
    ]);
    expect(dateErrorParts).toEqual(['day', 'month', 'year']);
    expect((await readNewJourneyForm({ ...good, name: 'x'.repeat(200), staffCount: '1,000,000' }, choices, null, now)).dto).toBeDefined();
  });
});

describe('readTaskForm', () => {
  const current = { status: 'not_started', dueDate: '2027-03-01', notApplicableReason: null };
  const date = (d: string, m: string, y: string) => ({ 'dueDate-day': d, 'dueDate-month': m, 'dueDate-year': y });

  it('refuses a new due date in the past, but not the date the task already has', async () => {
    const now = new Date('2027-03-10T12:00:00Z');
    const moved = await readTaskForm({ status: 'not_started', ...date('9', '3', '2027') }, current, now);
    expect(moved.dto).toBeUndefined();
    expect(moved.problems).toEqual([expect.objectContaining({ field: 'dueDate', text: 'The due date must be today or in the future' })]);
    expect(moved.dateErrorParts).toEqual(['day', 'month', 'year']);
    expect((await readTaskForm({ status: 'completed', ...date('1', '3', '2027') }, current, now)).dto).toEqual({ status: 'completed' });
    expect((await readTaskForm({ status: 'not_started', ...date('10', '3', '2027') }, current, now)).dto).toEqual({
      dueDate: '2027-03-10',
    });
  });

  it('sends only what changed', async () => {
    expect((await readTaskForm({ status: 'in_progress', ...date('1', '3', '2027') }, current)).dto).toEqual({ status: 'in_progress' });
    expect((await readTaskForm({ status: 'not_started', ...date('2', '3', '2027') }, current)).dto).toEqual({ dueDate: '2027-03-02' });
    expect((await readTaskForm({ status: 'not_started', ...date('1', '3', '2027') }, current)).dto).toEqual({});
    expect((await readTaskForm({ status: 'not_applicable', notApplicableReason: ' No staff transfer ' }, current)).dto).toEqual({
      status: 'not_applicable',
      notApplicableReason: 'No staff transfer',
    });
  });

  it('needs a reason for not applicable and a real due date', async () => {
    const { problems, dto } = await readTaskForm({ status: 'not_applicable', ...date('31', '2', '2027') }, current);
    expect(dto).toBeUndefined();
    expect(problems.map((p) => [p.field, p.text])).toEqual([
      ['notApplicableReason', 'Enter why the task does not apply'],
      ['dueDate', 'The due date must be a real date'],
    ]);
    expect((await readTaskForm({ status: 'cannot_start_yet' }, current)).problems[0].text).toBe('Select a status from the list');
  });

  it('refuses what UpdateTaskDto refuses, in page order and the form’s words', async () => {
    const { problems, dto } = await readTaskForm(
      { status: 'not_applicable', notApplicableReason: 'x'.repeat(2001), assigneeUserId: 'nobody', overrideReason: 'y'.repeat(2001) },
      current,
    );
    expect(dto).toBeUndefined();
    expect(problems.map((p) => [p.field, p.text])).toEqual([
      ['notApplicableReason', 'Why the task does not apply must be 2,000 characters or fewer'],
      ['assigneeUserId', 'Select a person from the list'],
      ['overrideReason', 'Reason for overriding must be 2,000 characters or fewer'],
    ]);
    const longest = await readTaskForm({ status: 'not_applicable', notApplicableReason: 'x'.repeat(2000) }, current);
    expect(longest.dto).toEqual({ status: 'not_applicable', notApplicableReason: 'x'.repeat(2000) });
  });
});

describe('escalation forms', () => {
  const t1 = '3f1c2a8e-5b7d-4c9e-8a1f-2d3e4f5a6b7c';
  const other = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

  it('needs an outcome for an appeal, and a resolution always', async () => {
    expect((await readResolveForm({ resolution: 'Fair' }, true)).problems.map((p) => p.text)).toEqual([
      'Select whether you uphold or dismiss the appeal',
    ]);
    expect((await readResolveForm({ outcome: 'upheld', resolution: ' Fair ' }, true)).input).toEqual({
      outcome: 'upheld',
      resolution: 'Fair',
    });
    expect((await readResolveForm({ outcome: 'upheld', resolution: 'Done' }, false)).input).toEqual({ resolution: 'Done' });
    expect((await readResolveForm({}, false)).problems.map((p) => p.text)).toEqual(['Enter how the escalation was resolved']);
  });

  it('holds the resolve form to the API’s own bounds and text rules, in people’s words', async () => {
    const long = await readResolveForm({ resolution: 'x'.repeat(5001), governance: 'g'.repeat(501), conditions: 'c'.repeat(5001) }, false);
    expect(long.input).toBeUndefined();
    expect(long.problems).toEqual([
      { field: 'resolution', text: 'Resolution must be 5,000 characters or fewer' },
      { field: 'governance', text: 'Who made this decision must be 500 characters or fewer' },
      { field: 'conditions', text: 'Conditions must be 5,000 characters or fewer' },
    ]);
    // The API's conditions refuse control characters; the form cannot accept what the API refuses.
    const control = await readResolveForm({ resolution: 'Done', conditions: 'Meet\u0007 first' }, false);
    expect(control.problems).toEqual([{ field: 'conditions', text: 'Conditions must be plain text: remove any control characters' }]);
    expect((await readResolveForm({ resolution: 'x'.repeat(5000) }, false)).input?.resolution).toHaveLength(5000);
  });

  it('asks why a concern needs the arbiter, within the API’s bound', async () => {
    expect((await readEscalateForm({ reason: '  ' })).problems).toEqual([
      { field: 'escalateReason', text: 'Enter why it needs the independent arbiter' },
    ]);
    expect((await readEscalateForm({ reason: 'r'.repeat(5001) })).problems).toEqual([
      { field: 'escalateReason', text: 'Your reason must be 5,000 characters or fewer' },
    ]);
    expect(await readEscalateForm({ reason: ' No reply in six weeks ' })).toEqual({ reason: 'No reply in six weeks', problems: [] });
  });

  it('reads a concern with its conflict of interest and optional task', async () => {
    expect((await readConcernForm({ reason: ' Late ', conflictOfInterest: 'yes', taskId: t1 }, [t1])).input).toEqual({
      reason: 'Late',
      conflictOfInterest: true,
      confidential: false,
      taskId: t1,
    });
    expect((await readConcernForm({ reason: 'x' }, [])).input).toEqual({ reason: 'x', conflictOfInterest: false, confidential: false });
    // Confidential goes to the central team: the conflict-of-interest route does not apply.
    expect((await readConcernForm({ reason: 'x', conflictOfInterest: 'yes', confidential: 'yes' }, [])).input).toEqual({
      reason: 'x',
      conflictOfInterest: false,
      confidential: true,
    });
    expect((await readConcernForm({ reason: '', taskId: 'zz' }, [t1])).problems.map((p) => p.text)).toEqual([
      'Enter your concern',
      'Select a task from the list, or none',
    ]);
    expect((await readConcernForm({ reason: 'x', taskId: other }, [t1])).problems.map((p) => p.field)).toEqual(['taskId']);
    expect((await readConcernForm({ reason: 'y'.repeat(5001) }, [])).problems).toEqual([
      { field: 'reason', text: 'Your concern must be 5,000 characters or fewer' },
    ]);
  });
});

describe('pipeline filters', () => {
  it('keeps known values, reports unknown ones, and builds the CSV query', () => {
    const { filters, problems } = readPipelineFilters({ phase: 'spinning_out', region: 'atlantis', parentBodyId: 'p1', state: '' }, ['p1']);
    expect(filters).toEqual({ phase: 'spinning_out', parentBodyId: 'p1' });
    expect(problems).toEqual([{ field: 'region', text: 'Select a region from the list' }]);
    expect(filterQuery(filters)).toBe('?phase=spinning_out&parentBodyId=p1');
    expect(filterQuery({})).toBe('');
  });

  it('takes a department only from those in scope and at risk as true or false, keeping false in the query', () => {
    const own = readPipelineFilters({ departmentId: 'd1', atRisk: 'false' }, [], ['d1']);
    expect(own.filters).toEqual({ departmentId: 'd1', atRisk: false });
    expect(filterQuery(own.filters)).toBe('?departmentId=d1&atRisk=false');
    const other = readPipelineFilters({ departmentId: 'd2', atRisk: 'maybe' }, [], ['d1']);
    expect(other.filters).toEqual({});
    expect(other.problems.map((p) => p.field)).toEqual(['departmentId', 'atRisk']);
  });
});

describe('notificationHref', () => {
  const n = (over: Record<string, unknown>) =>
    ({ type: 'task_due_soon', journeyId: null, taskId: null, escalationId: null, ...over }) as never;
  it('leads to the escalation, the response page, the task or the journey', () => {
    expect(notificationHref(n({ escalationId: 'e', journeyId: 'j' }), { role: 'arbiter' })).toBe('/escalations/e');
    expect(
      notificationHref(n({ type: 'expression_of_interest_received', journeyId: 'j', taskId: 't' }), { role: 'parent_body_officer' }),
    ).toBe('/journeys/j/respond');
    expect(notificationHref(n({ journeyId: 'j', taskId: 't' }), { role: 'mutual_lead' })).toBe('/journeys/j/tasks/t');
    expect(notificationHref(n({ journeyId: 'j' }), { role: 'mutual_lead' })).toBe('/journeys/j');
    expect(notificationHref(n({}), { role: 'mutual_lead' })).toBeNull();
  });
});

describe('validateForm with the API DTO and words for people', () => {
  it('checks a form with the API’s own rules and shows the form’s message for any failure of a field', async () => {
    const words = { routineEmails: 'Select how you want to get emails about other notifications' };
    const missing = await validateForm(UpdateNotificationPreferencesDto, {}, words);
    expect(missing.errors?.list).toEqual([{ text: words.routineEmails, href: '#routineEmails' }]);
    const wrong = await validateForm(UpdateNotificationPreferencesDto, { routineEmails: 'weekly' }, words);
    expect(wrong.errors?.fields.routineEmails.text).toBe(words.routineEmails);
    // Without words, the API's own message (written for programs) is what a form would show.
    const bare = await validateForm(UpdateNotificationPreferencesDto, { routineEmails: 'weekly' });
    expect(bare.errors?.fields.routineEmails.text).toBe('routineEmails must be one of: daily_digest, immediately, in_app_only');
    const ok = await validateForm(UpdateNotificationPreferencesDto, { routineEmails: 'immediately' }, words);
    expect(ok.errors).toBeUndefined();
    expect(ok.value.routineEmails).toBe('immediately');
  });
});
