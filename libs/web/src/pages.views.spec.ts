import type { Principal } from '@pathway/identity/principal';
import { PATHWAY_TEMPLATE_V1 } from '@pathway/domain/template/pathway-template.v1';
import { buildFormErrors } from './forms';
import { currentPhaseFirst, buildChecklist } from './journeys/checklist';
import { transferTimelineView } from './journeys/transfer-timeline-view';
import { buildTimeline } from './journeys/history';
import { JourneyPageService } from './journeys/journey-page.service';
import { dateInputItems } from './date-input';
import { createViewEnvironment } from './views';

/** Render tests of the journey, task, escalation, notification, pipeline and start pages: real templates and GOV.UK macros, no server. */
const env = createViewEnvironment();
const user: Principal = {
  id: '00000000-0000-0000-0000-0000000000a1',
  email: 'sam@example.test',
  name: 'Sam Patel',
  organisationId: '00000000-0000-0000-0000-0000000000b1',
  organisationName: 'Aspire Sussex',
  organisationKind: 'mutual',
  role: 'mutual_lead',
};
const common = { cspNonce: 'NONCE', csrfToken: 'CSRF123', currentPath: '/journeys/j', user };
const render = (view: string, data: object) => env.render(view, { ...common, ...data });
const squash = (html: string) => html.replace(/\s+/g, ' ');
const J = '11111111-1111-4111-8111-111111111111';

const journey = {
  id: J,
  name: 'Community health <spin-out>',
  phase: 'pre_spin_out',
  state: 'exploring',
  version: 3,
  plannedTransferDate: '2027-10-01',
  serviceArea: 'health',
  region: 'south_east',
  staffCount: 1400,
  legalForm: null,
  proposalSummary: null,
  templateVersion: 1,
};
const template = { legalForms: PATHWAY_TEMPLATE_V1.legalForms } as never;
const pages = new JourneyPageService(
  {} as never,
  {} as never,
  {} as never,
  {} as never,
  {} as never,
  {} as never,
  {} as never,
  {} as never,
  {} as never,
  {} as never,
  {} as never,
);
const formFor = (type: string, extra = {}) => pages.actionFormView({ journey: journey as never, template }, type as never, extra);

const task = (over: Record<string, unknown>) => ({
  id: '22222222-2222-4222-8222-222222222222',
  key: 'write_business_case',
  title: 'Write the business case',
  phase: 'pre_spin_out',
  workstream: 'business_case',
  ownerParty: 'mutual',
  ownerOrganisationId: user.organisationId,
  status: 'not_started',
  mandatory: true,
  statutory: false,
  gateState: 'business_planning',
  dueDate: '2027-03-01',
  dueAt: null,
  deadline: '2027-03-02T00:00:00.000Z',
  dueSetByHand: false,
  dependsOn: [],
  guidance: 'Write it.\nThen check it.',
  source: 'Mutuals Taskforce',
  assigneeUserId: null,
  notApplicableReason: null,
  completedAt: null,
  overdue: false,
  ...over,
});

function journeyPage(over: Record<string, unknown> = {}) {
  const tasks = [
    task({}),
    task({
      id: '33333333-3333-4333-8333-333333333333',
      key: 'register_entity',
      title: 'Register the entity',
      phase: 'spinning_out',
      workstream: 'legal_form',
      status: 'cannot_start_yet',
    }),
    task({
      id: '44444444-4444-4444-8444-444444444444',
      key: 'consult',
      title: 'Consult staff',
      workstream: 'staff_engagement',
      status: 'completed',
      overdue: false,
    }),
    task({
      id: '55555555-5555-4555-8555-555555555555',
      key: 'late',
      title: 'Late task',
      status: 'in_progress',
      overdue: true,
      mandatory: false,
    }),
  ];
  return {
    pageTitle: journey.name,
    journey,
    parties: [
      { role: 'Mutual', name: 'Aspire Sussex' },
      { role: 'Parent body', name: 'Brighton Council' },
      { role: 'Commissioner', name: 'None' },
      { role: 'Government department', name: 'DHSC' },
      { role: 'Independent arbiter', name: 'Arbiter' },
    ],
    legalFormName: null,
    actions: {
      primary: [formFor('submit_expression_of_interest', { from: 'journey' })],
      secondary: [formFor('put_on_hold', { from: 'journey' }), formFor('withdraw', { from: 'journey' })],
      blocked: [
        {
          type: 'submit_business_case',
          button: 'Submit business case for approval',
          blockingTasks: 3,
          href: `/journeys/${J}/actions/submit_business_case`,
        },
      ],
    },
    atRisk: [],
    onHold: null,
    escalations: [
      {
        id: 'e1',
        href: '/escalations/e1',
        trigger: 'Appeal',
        status: 'open',
        level: 1,
        assignedTo: 'DHSC',
        openedAt: '2027-01-02T10:00:00.000Z',
        reason: 'Unfair',
      },
    ],
    checklist: currentPhaseFirst(buildChecklist(J, tasks as never, new Map([[user.organisationId, 'Aspire Sussex']])), 'pre_spin_out'),
    transferTimeline: transferTimelineView(journey, tasks as never, '2027-01-15'),
    calendarFeedUrl: '/calendar/KEY.ics',
    timeline: buildTimeline(
      [
        {
          at: '2027-01-01T09:00:00.000Z',
          actorUserId: user.id,
          type: 'journey_created',
          fromPhase: null,
          fromState: null,
          toPhase: 'pre_spin_out',
          toState: 'exploring',
          data: { plannedTransferDate: '2027-10-01' },
        },
        {
          at: '2027-01-02T14:30:00.000Z',
          actorUserId: 'officer',
          type: 'decline_expression_of_interest',
          fromPhase: 'pre_spin_out',
          fromState: 'awaiting_parent_body_response',
          toPhase: 'pre_spin_out',
          toState: 'declined',
          data: { ground: 'not_viable', reasons: 'The <numbers> do not add up' },
        },
      ],
      {
        journeyId: J,
        userNames: new Map([
          [user.id, 'Sam Patel (Aspire Sussex)'],
          ['officer', 'Alex Jones (Brighton Council)'],
        ]),
        organisationNames: new Map(),
      },
    ),
    ...over,
  };
}

describe('views/journeys/show.njk', () => {
  const html = render('journeys/show.njk', journeyPage());
  const flat = squash(html);

  it('titles the page with the journey (escaped) and summarises where it stands', () => {
    expect(html).toContain('<title>Community health &lt;spin-out&gt; - Pathway</title>');
    expect(html).toContain('govuk-summary-list');
    expect(flat).toMatch(/Phase <\/dt> <dd class="govuk-summary-list__value"> Pre-spin-out/);
    expect(flat).toMatch(/Planned transfer date <\/dt> <dd class="govuk-summary-list__value"> 1 October 2027/);
    expect(flat).toContain('Parent body </dt> <dd class="govuk-summary-list__value"> Brighton Council');
    expect(html).not.toContain('data-testid="at-risk"');
    expect(html).not.toContain('data-testid="on-hold"');
  });

  it('leads with the work: what to do now, then the checklist, with the facts and an "On this page" list beside them', () => {
    const at = (needle: string) => flat.indexOf(needle);
    expect(at('id="actions-heading"')).toBeGreaterThan(-1);
    expect(at('id="actions-heading"')).toBeLessThan(at('id="checklist"'));
    expect(at('id="checklist"')).toBeLessThan(at('id="transfer-timeline-heading"'));
    expect(at('id="checklist"')).toBeLessThan(at('id="escalations-heading"'));
    expect(at('id="escalations-heading"')).toBeLessThan(at('id="history-heading"'));
    // The facts are an aside (floated right at desktop width), not the top of the main column.
    expect(flat).toMatch(/<aside class="govuk-grid-column-one-third pathway-aside"[^>]*>.*data-testid="journey-summary"/);
    // The contents list names exactly the sections shown, in order, and links to each.
    const start = flat.indexOf('data-testid="contents"');
    const nav = flat.slice(start, flat.indexOf('</nav>', start));
    const links = [...nav.matchAll(/<a class="govuk-link" href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links.slice(0, 3)).toEqual([
      ['actions-heading', 'What you can do now'],
      ['checklist', 'Checklist'],
      ['transfer-timeline-heading', 'Timeline to transfer day'],
    ]);
    expect(links.map(([id]) => id)).toContain('history-heading');
    for (const [id] of links) expect(html).toContain(`id="${id}"`);
  });

  it('shows the timeline to transfer day: phases, countdown, next deadlines, every deadline with today and transfer day, the calendar link', () => {
    expect(flat).toMatch(
      /<li class="pathway-phases__step pathway-phases__step--current" aria-current="step">.*?Pre-spin-out.*?Current phase/,
    );
    expect(flat).toMatch(/pathway-phases__step--upcoming"> <span[^>]*>2<\/span> <span class="pathway-phases__title">Spinning out/);
    expect(flat).toContain('Planned transfer day: <strong>1 October 2027</strong>, in 259 days.');
    const all = flat.slice(flat.indexOf('data-testid="timeline-entries"'));
    expect(all.indexOf('<strong>Today</strong>')).toBeLessThan(all.indexOf('<strong>Planned transfer day</strong>'));
    expect(all.indexOf('Write the business case')).toBeGreaterThan(all.indexOf('<strong>Today</strong>'));
    expect(flat).toMatch(/data-testid="next-deadlines">.*Write the business case/);
    expect(flat).toContain('href="/calendar/KEY.ics">Add your organisation’s deadlines to your calendar');
  });

  it('renders the checklist as GOV.UK task lists by phase and workstream with the standard statuses', () => {
    expect(html).toContain('class="govuk-task-list"');
    // The current phase first and open; the others one click away (details).
    expect(flat).toMatch(
      /<h3 class="govuk-heading-m govuk-!-margin-top-6" id="checklist-pre_spin_out">Pre-spin-out \(current phase\)<\/h3>/,
    );
    expect(flat).toMatch(/<h4 class="govuk-heading-s" id="checklist-pre_spin_out-business_case">Business case<\/h4>/);
    expect(flat).toMatch(
      /<div id="checklist-spinning_out"><details class="govuk-details" data-testid="checklist-phase-spinning_out"> <summary[^>]*> <span[^>]*> Spinning out: 0 of 1 tasks done/,
    );
    expect(flat.indexOf('id="checklist-pre_spin_out"')).toBeLessThan(flat.indexOf('id="checklist-spinning_out"'));
    // Linked, with a tag.
    expect(flat).toMatch(/href="\/journeys\/[^"]+\/tasks\/22222222-2222-4222-8222-222222222222"[^>]*>\s*Write the business case/);
    expect(flat).toMatch(/govuk-tag--blue">\s*Not yet started/);
    // Cannot start yet: no link, grey text.
    expect(html).not.toContain('/tasks/33333333-3333-4333-8333-333333333333');
    expect(flat).toMatch(/govuk-task-list__status--cannot-start-yet[^>]*>\s*Cannot start yet/);
    // Completed: plain text.
    expect(flat).toMatch(/govuk-task-list__status"[^>]*>\s*Completed\s*</);
    // Owner and due date as the hint; overdue flagged; optional tasks say so.
    expect(flat).toContain('Owner: Aspire Sussex (mutual). Due 1 March 2027.');
    expect(flat).toContain('Due 1 March 2027, overdue.');
    expect(flat).toContain('Late task (optional)');
    expect(flat).toContain('1 of 4 tasks completed or not applicable.');
  });

  it('offers the allowed actions as forms with CSRF, version and payload fields, and explains blocked ones', () => {
    expect(flat).toMatch(
      /<form method="post" action="\/journeys\/[^"]+\/actions\/submit_expression_of_interest" novalidate data-testid="action-submit_expression_of_interest">/,
    );
    expect(html).toContain('<input type="hidden" name="_csrf" value="CSRF123">');
    expect(html).toContain('<input type="hidden" name="expectedVersion" value="3">');
    expect(flat).toMatch(
      /<label class="govuk-label govuk-label--s" for="submit_expression_of_interest-proposalSummary">\s*Summary of your proposal/,
    );
    expect(html).toContain('name="proposalSummary"');
    expect(flat).toContain('Submit expression of interest </button>');
    // Secondary actions sit in details components; withdrawing warns.
    expect(flat).toMatch(/govuk-details__summary-text">\s*Put the journey on hold/);
    expect(flat).toContain('Withdrawing a journey cannot be undone.');
    expect(html).toContain('id="put_on_hold-reason"');
    expect(html).toContain('id="withdraw-reason"');
    // Blocked: count and a link to the tasks.
    expect(flat).toContain('You cannot do this yet: 3 mandatory tasks need to be completed or marked as not applicable first.');
    expect(html).toContain(`href="/journeys/${J}/actions/submit_business_case"`);
  });

  it('lists escalations with links and a "Raise a concern" button', () => {
    expect(flat).toMatch(/<a class="govuk-link" href="\/escalations\/e1">Appeal<\/a>/);
    expect(flat).toMatch(/href="\/journeys\/[^"]+\/escalations\/new"[^>]*>\s*Raise a concern/);
  });

  it('renders the history as a timeline, newest first, with who, when, from → to and reasons (escaped)', () => {
    const first = flat.indexOf('Expression of interest declined');
    const second = flat.indexOf('Journey started');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(flat).toContain('2 January 2027 at 2:30pm</time>, by Alex Jones (Brighton Council)');
    expect(flat).toMatch(
      /Status: Waiting for the parent body to respond <span aria-hidden="true">→<\/span><span class="govuk-visually-hidden"> to<\/span> Declined/,
    );
    expect(flat).toContain('<dt>Ground:</dt> <dd class="pathway-preserve-lines">The proposal is not viable</dd>');
    expect(flat).toContain('The &lt;numbers&gt; do not add up');
  });

  it('warns when the journey is at risk and shows the on-hold banner', () => {
    const risky = squash(
      render(
        'journeys/show.njk',
        journeyPage({
          atRisk: ['The planned transfer is in 40 days and 5 mandatory spinning-out tasks are still open'],
          onHold: { resumesTo: 'Business planning', reason: 'Funding review' },
        }),
      ),
    );
    expect(risky).toContain('govuk-warning-text');
    expect(risky).toContain('This journey is at risk.');
    expect(risky).toContain('The planned transfer is in 40 days and 5 mandatory spinning-out tasks are still open');
    expect(risky).toContain('govuk-notification-banner');
    expect(risky).toContain('This journey is on hold');
    expect(risky).toContain('Reason: Funding review');
  });

  it('shows a success banner after an action', () => {
    const done = squash(render('journeys/show.njk', journeyPage({ flash: { heading: 'Expression of interest submitted' } })));
    expect(done).toContain('govuk-notification-banner--success');
    expect(done).toContain('<h3 class="govuk-notification-banner__heading">Expression of interest submitted</h3>');
  });
});

describe('views/journeys/action.njk', () => {
  it('shows an action form with the GOV.UK error pattern', () => {
    const errors = buildFormErrors([
      {
        field: 'ground',
        text: 'Select the ground for declining the expression of interest',
        href: '#decline_expression_of_interest-ground',
      },
      {
        field: 'reasons',
        text: 'Enter your reasons for declining the expression of interest',
        href: '#decline_expression_of_interest-reasons',
      },
    ]);
    const form = formFor('decline_expression_of_interest', { errors, values: { ground: '', reasons: '' } });
    const html = squash(
      render('journeys/action.njk', {
        pageTitle: form.heading,
        journey,
        form,
        allowed: true,
        blockingTasks: [],
        errors,
        backLink: `/journeys/${J}`,
      }),
    );
    expect(html).toContain('<title>Error: Decline the expression of interest - Pathway</title>');
    expect(html).toContain(
      '<a href="#decline_expression_of_interest-ground">Select the ground for declining the expression of interest</a>',
    );
    expect(html).toContain('govuk-radios');
    expect(html).toMatch(/<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*Why are you declining it\?/);
    expect(html).toContain('id="decline_expression_of_interest-ground"');
    expect(html).toContain('The proposal is not viable');
    expect(html).toContain('govuk-textarea--error');
    expect(html).toContain('govuk-button--warning');
  });

  it('lists the tasks blocking a guarded action, with links', () => {
    const form = formFor('submit_business_case');
    const html = squash(
      render('journeys/action.njk', {
        pageTitle: form.heading,
        journey,
        form,
        allowed: false,
        blockingTasks: [{ id: 't1', title: 'Write the business case', status: 'in_progress', href: `/journeys/${J}/tasks/t1` }],
        backLink: `/journeys/${J}`,
      }),
    );
    expect(html).toContain(
      'You cannot submit business case for approval until this mandatory task is completed or marked as not applicable:',
    );
    expect(html).toContain(`<a class="govuk-link" href="/journeys/${J}/tasks/t1">Write the business case</a>`);
    expect(html).not.toContain('<form method="post" action="/journeys');
  });

  it('offers a select of the template’s legal forms for registering the entity', () => {
    const form = formFor('register_legal_entity');
    const html = squash(
      render('journeys/action.njk', { pageTitle: form.heading, journey, form, allowed: true, blockingTasks: [], backLink: '/' }),
    );
    expect(html).toContain('<select class="govuk-select" id="register_legal_entity-legalForm" name="legalForm">');
    expect(html).toContain('Community interest company limited by shares');
  });
});

describe('views/journeys/respond.njk', () => {
  it('shows the request and the accept and decline forms', () => {
    const request = {
      journeyId: J,
      journeyName: 'Community health',
      mutualOrganisationName: 'Aspire Sussex',
      proposalSummary: 'Run the service',
      submittedAt: '2027-01-01T10:00:00Z',
      responseDueDate: '2027-02-12',
      overdue: true,
      status: 'awaiting_response',
      decision: null,
    };
    const html = squash(
      render('journeys/respond.njk', {
        pageTitle: 'Respond to the expression of interest',
        journey,
        request,
        accept: formFor('accept_expression_of_interest', { from: 'respond' }),
        decline: formFor('decline_expression_of_interest', { from: 'respond' }),
      }),
    );
    expect(html).toContain('12 February 2027 <strong class="govuk-tag govuk-tag--red"> Overdue </strong>');
    expect(html).toContain('Run the service');
    expect(html).toContain('data-testid="action-accept_expression_of_interest"');
    expect(html).toContain('data-testid="action-decline_expression_of_interest"');
    expect(html).toContain('<input type="hidden" name="from" value="respond">');
  });
});

describe('views/journeys/new.njk', () => {
  it('renders selects, a GOV.UK date input and errors on the date parts', () => {
    const errors = buildFormErrors([
      { field: 'plannedTransferDate', text: 'The planned transfer date must include a month', href: '#plannedTransferDate-month' },
    ]);
    const opts = [{ value: '', text: 'Select' }];
    const html = squash(
      render('journeys/new.njk', {
        pageTitle: 'Start a journey',
        values: { name: 'X', staffCount: '10', plannedTransferDate: { day: '1', month: '', year: '2027' } },
        errors,
        fixedMutualName: 'Aspire Sussex',
        options: { mutual: opts, parentBody: opts, commissioner: opts, department: opts, arbiter: opts, serviceArea: opts, region: opts },
        dateItems: dateInputItems({ day: '1', month: '', year: '2027' }, ['month']),
      }),
    );
    expect(html).toContain('<a href="#plannedTransferDate-month">The planned transfer date must include a month</a>');
    expect(html).toMatch(
      /<input class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" id="plannedTransferDate-month" name="plannedTransferDate-month"/,
    );
    expect(html).toMatch(
      /<input class="govuk-input govuk-date-input__input govuk-input--width-2" id="plannedTransferDate-day" name="plannedTransferDate-day" type="text" value="1"/,
    );
    expect(html).toContain('Aspire Sussex');
    expect(html).not.toContain('name="mutualOrganisationId"');
    expect(html).toContain('id="parentBodyId" name="parentBodyId"');
  });
});

describe('views/tasks/show.njk', () => {
  const base = {
    pageTitle: 'Write the business case',
    journey,
    task: task({ status: 'cannot_start_yet' }),
    ownerName: 'Aspire Sussex',
    dependencies: [{ title: 'Build the financial model', href: `/journeys/${J}/tasks/d1`, status: 'in_progress' }],
    dependents: [],
    canUpdate: true,
    isResponseTask: false,
    values: { status: '', notApplicableReason: '', dueDate: { day: '1', month: '3', year: '2027' } },
    dateItems: dateInputItems({ day: '1', month: '3', year: '2027' }),
    backLink: `/journeys/${J}#checklist`,
  };

  it('shows guidance, owner, due date, dependencies and the update form', () => {
    const html = squash(render('tasks/show.njk', base));
    expect(html).toContain('<h1 class="govuk-heading-l">Write the business case</h1>');
    expect(html).toContain('Mutual (Aspire Sussex)');
    expect(html).toContain('1 March 2027');
    expect(html).toContain('Write it. Then check it.');
    expect(html).toContain('Source:</span> Mutuals Taskforce');
    expect(html).toContain(`<a class="govuk-link" href="/journeys/${J}/tasks/d1">Build the financial model</a>`);
    expect(html).toMatch(/<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*Status/);
    expect(html).not.toContain('data-aria-controls');
    expect(html).toContain('id="notApplicableReason"');
    expect(html).toContain('name="dueDate-day"');
    expect(html).toContain('govuk-back-link');
  });

  it('shows errors with the GOV.UK pattern', () => {
    const errors = buildFormErrors([{ field: 'dueDate', text: 'The due date must be a real date', href: '#dueDate-day' }]);
    const html = squash(
      render('tasks/show.njk', { ...base, errors, dateItems: dateInputItems({ day: '31', month: '2', year: '2027' }, ['day']) }),
    );
    expect(html).toContain('<title>Error: Write the business case - Pathway</title>');
    expect(html).toContain('<a href="#dueDate-day">The due date must be a real date</a>');
    expect(html).toContain(
      '<p id="dueDate-error" class="govuk-error-message"> <span class="govuk-visually-hidden">Error:</span> The due date must be a real date </p>',
    );
  });

  it('lists an uploaded file with its size, and a link (the filesize filter is registered)', () => {
    const attachments = [
      {
        id: 'a1',
        kind: 'file',
        title: 'Ballot result.pdf',
        href: '/files/a1',
        sizeBytes: 1258291,
        uploadedByName: 'Jo',
        createdAt: '2027-01-10T09:00:00Z',
      },
      { id: 'a2', kind: 'link', title: 'Minutes', href: 'https://example.test/m', uploadedByName: null, createdAt: '2027-01-11T09:00:00Z' },
    ];
    const html = squash(render('tasks/show.njk', { ...base, attachments, comments: [] }));
    expect(html).toContain('<a class="govuk-link pathway-wrap" href="/files/a1">Ballot result.pdf</a>');
    expect(html).toContain('(1.2 MB)');
    expect(html).toContain('href="https://example.test/m" rel="noopener noreferrer">Minutes</a>');
    expect(html).toContain('A former user, 11 January 2027');
  });

  it('says who may update it when this person may not', () => {
    const html = squash(render('tasks/show.njk', { ...base, canUpdate: false }));
    expect(html).not.toContain('data-testid="task-form"');
    expect(html).toContain('Only the mutual that owns this task can update it.');
  });
});

describe('views/escalations', () => {
  const escalation = {
    id: 'e1',
    journeyId: J,
    trigger: 'appeal',
    level: 1,
    status: 'open',
    reason: 'The decision ignored the staff ballot',
    conflictOfInterest: false,
    openedAt: new Date('2027-01-03T10:00:00Z'),
    resolvedAt: null,
    resolution: null,
    outcome: null,
  };
  const base = {
    pageTitle: 'Appeal',
    escalation,
    journey,
    task: null,
    assignedTo: 'DHSC',
    levelName: 'Level 1: the government department',
    openedBy: 'Sam Patel (Aspire Sussex)',
    resolvedBy: null,
    appealedDecision: {
      at: new Date('2027-01-02T10:00:00Z'),
      by: 'Brighton Council',
      ground: 'The proposal is not viable',
      reasons: 'Numbers',
    },
    canResolve: true,
    canEscalate: true,
    isAppeal: true,
    values: { outcome: '', resolution: '' },
    backLink: `/journeys/${J}`,
  };

  it('shows an appeal with the decision appealed, the outcome radios and the raise button', () => {
    const html = squash(render('escalations/show.njk', base));
    expect(html).toContain('Appeal against a declined expression of interest');
    expect(html).toContain('The decision being appealed');
    expect(html).toContain('The proposal is not viable');
    expect(html).toMatch(/What is your decision\?/);
    expect(html).toContain('value="upheld"');
    expect(html).toContain('value="dismissed"');
    expect(html).toContain('action="/escalations/e1/resolve?_csrf=CSRF123" enctype="multipart/form-data"');
    expect(html).toContain('name="conditions"');
    expect(html).toContain('type="file"');
    expect(html).toContain('Raise to the independent arbiter');
  });

  it('escapes what people wrote', () => {
    const html = render('escalations/show.njk', { ...base, escalation: { ...escalation, reason: 'Ignored <b>the</b> ballot' } });
    expect(html).toContain('<span class="pathway-preserve-lines">Ignored &lt;b&gt;the&lt;/b&gt; ballot</span>');
  });

  it('shows a resolved escalation without forms', () => {
    const html = squash(
      render('escalations/show.njk', {
        ...base,
        escalation: {
          ...escalation,
          status: 'resolved',
          outcome: 'upheld',
          resolution: 'Fair',
          resolvedAt: new Date('2027-01-05T10:00:00Z'),
        },
        canResolve: false,
        canEscalate: false,
        resolvedBy: 'Dee Rao (DHSC)',
      }),
    );
    expect(html).not.toContain('data-testid="resolve-form"');
    expect(html).toContain('Upheld');
    expect(html).toContain('Dee Rao (DHSC)');
  });

  it('renders the raise-a-concern form with the conflict-of-interest checkbox', () => {
    const html = squash(
      render('escalations/new.njk', {
        pageTitle: 'Raise a concern',
        journey,
        values: { reason: '', conflictOfInterest: false, taskId: '' },
        departmentName: 'DHSC',
        arbiterName: null,
        taskOptions: [{ value: '', text: 'Not about a particular task' }],
        errors: buildFormErrors([{ field: 'reason', text: 'Enter your concern' }]),
      }),
    );
    expect(html).toContain('<a href="#reason">Enter your concern</a>');
    expect(html).toContain('Your concern goes to DHSC first.');
    expect(html).toContain('name="conflictOfInterest" type="checkbox" value="yes"');
    expect(html).toMatch(/<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\s*Conflict of interest/);
  });
});

describe('views/notifications/index.njk', () => {
  it('lists notifications with mark read and mark all read forms', () => {
    const html = squash(
      render('notifications/index.njk', {
        pageTitle: 'Notifications',
        unread: 1,
        total: 2,
        notifications: [
          {
            id: 'n1',
            type: 'escalation_opened',
            title: 'Appeal: Health',
            body: 'Escalated',
            createdAt: new Date('2027-01-01T12:00:00Z'),
            read: false,
            href: '/escalations/e1',
          },
          {
            id: 'n2',
            type: 'task_due_soon',
            title: 'Due soon',
            body: '',
            createdAt: new Date('2027-01-01T09:00:00Z'),
            read: true,
            href: null,
          },
        ],
        pagination: null,
      }),
    );
    expect(html).toContain('You have 1 unread notification.');
    expect(html).toContain('action="/notifications/read-all"');
    expect(html).toContain('action="/notifications/n1/read"');
    expect(html).not.toContain('action="/notifications/n2/read"');
    expect(html).toContain('<a class="govuk-link" href="/escalations/e1">Appeal: Health</a>');
    expect(html).toContain('Escalation opened, <time datetime="2027-01-01T12:00:00.000Z">1 January 2027 at midday</time>');
    expect(html).toContain('Mark as read<span class="govuk-visually-hidden">: Appeal: Health</span>');
  });
});

describe('views/pipeline/index.njk', () => {
  it('renders counts as GOV.UK tables, the lists, the filters and the CSV link', () => {
    const count = (keys: string[], n: number) => keys.map((k, i) => ({ key: k, label: k, count: i === 0 ? n : 0 }));
    const opt = [{ value: '', text: 'All' }];
    const html = squash(
      render('pipeline/index.njk', {
        pageTitle: 'Pipeline',
        scopedTo: null,
        values: {},
        filtered: true,
        filterOptions: { phase: opt, state: opt, serviceArea: opt, region: opt, parentBody: opt },
        summary: { total: 2, staffTransferring: 1500, overdueTasks: 0, openEscalations: 1, asOf: '2027-01-01T12:00:00Z' },
        counts: {
          phase: count(['Pre-spin-out', 'Spinning out'], 2),
          state: count(['Exploring'], 2),
          serviceArea: count(['Health'], 2),
          region: count(['London'], 2),
        },
        atRisk: {
          items: [
            { id: J, name: 'Alpha', parentBodyName: 'Council', plannedTransferDate: '2027-02-01', reasons: [{ description: 'Soon' }] },
          ],
          total: 1,
          transferWithinDays: 90,
        },
        stalled: { items: [], total: 0, days: 30 },
        escalations: {
          items: [
            {
              id: 'e1',
              journeyId: J,
              journeyName: 'Alpha',
              trigger: 'appeal',
              assignedOrganisationName: 'DHSC',
              openedAt: '2027-01-01T00:00:00Z',
              ageDays: 4,
            },
          ],
          total: 1,
        },
        journeys: {
          items: [
            {
              id: J,
              name: 'Alpha',
              mutualOrganisationName: 'M',
              state: 'exploring',
              plannedTransferDate: '2027-02-01',
              openTasks: 40,
              overdueTasks: 0,
            },
          ],
          total: 1,
        },
        csvHref: '/pipeline/journeys.csv?phase=pre_spin_out',
      }),
    );
    expect(html).toContain('<caption class="govuk-table__caption govuk-table__caption--s">Journeys by phase</caption>');
    expect(html).toContain('<caption class="govuk-table__caption govuk-table__caption--s">Journeys by region</caption>');
    expect(html).toMatch(
      /<th scope="row" class="govuk-table__header">Pre-spin-out<\/th> <td class="govuk-table__cell govuk-table__cell--numeric">2<\/td>/,
    );
    expect(html).toMatch(
      /<th scope="row" class="govuk-table__header">Spinning out<\/th> <td class="govuk-table__cell govuk-table__cell--numeric">0<\/td>/,
    );
    expect(html).toMatch(/Staff still to transfer<\/th> <td class="govuk-table__cell govuk-table__cell--numeric">1,500<\/td>/);
    expect(html).toContain('<form method="get" action="/pipeline"');
    expect(html).toContain('href="/pipeline/journeys.csv?phase=pre_spin_out"');
    expect(html).toContain('No journeys have stalled.');
    expect(html).toContain(`<a class="govuk-link" href="/journeys/${J}">Alpha</a>`);
    expect(html).toContain('<a class="govuk-link" href="/escalations/e1">Appeal</a>');
  });
});

describe('views/start sections', () => {
  it('renders the journeys table with the next deadline and the start button', () => {
    const html = squash(
      render('start.njk', {
        pageTitle: 'Home',
        roleSentence: 'You are a mutual lead at Aspire Sussex.',
        sections: [
          {
            id: 'journeys',
            heading: 'Your journeys',
            emptyText: 'None',
            action: { href: '/journeys/new', text: 'Start a journey' },
            items: [
              {
                name: 'Alpha <1>',
                href: `/journeys/${J}`,
                phase: 'pre_spin_out',
                state: 'exploring',
                plannedTransferDate: '2027-10-01',
                nextDeadline: { deadline: '2027-03-02T00:00:00Z', dueDate: '2027-03-01', overdue: true, taskTitle: 'Write', href: '/t' },
              },
            ],
          },
        ],
      }),
    );
    expect(html).toContain('href="/journeys/new" role="button"');
    expect(html).toContain(`<a class="govuk-link" href="/journeys/${J}">Alpha &lt;1&gt;</a>`);
    expect(html).toContain('1 October 2027');
    expect(html).toContain(
      '1 March 2027<span class="govuk-visually-hidden">: Write</span></a> <strong class="govuk-tag govuk-tag--red"> Overdue </strong>',
    );
  });

  it('renders the inbox, owed tasks, escalations and pipeline sections', () => {
    const html = squash(
      render('start.njk', {
        pageTitle: 'Home',
        roleSentence: 'x',
        sections: [
          {
            id: 'requests',
            heading: 'Requests for you to answer',
            emptyText: '',
            items: [
              {
                journeyName: 'Alpha',
                href: '/journeys/j/respond',
                mutualName: 'M',
                submittedAt: '2027-01-01T10:00:00Z',
                responseDueDate: '2027-02-01',
                overdue: false,
                status: 'awaiting_response',
              },
            ],
          },
          {
            id: 'tasks',
            heading: 'Tasks for your organisation',
            emptyText: '',
            items: [
              {
                title: 'Respond',
                href: '/t',
                journeyName: 'Alpha',
                journeyHref: '/j',
                dueDate: '2027-02-01',
                deadline: '2027-02-02T00:00:00Z',
                overdue: true,
                status: 'not_started',
              },
            ],
          },
          {
            id: 'escalations',
            heading: 'Escalations assigned to you',
            emptyText: '',
            items: [
              {
                href: '/escalations/e',
                trigger: 'Appeal',
                journeyName: 'Alpha',
                journeyHref: '/j',
                openedAt: '2027-01-01T10:00:00Z',
                level: 2,
                reason: 'r',
              },
            ],
          },
          {
            id: 'pipeline',
            heading: 'Pipeline',
            emptyText: '',
            items: [],
            summary: { total: 3, staffTransferring: 10, overdueTasks: 2, openEscalations: 1 },
            phases: [{ label: 'Pre-spin-out', count: 3 }],
            link: { href: '/pipeline', text: 'View the pipeline' },
          },
        ],
      }),
    );
    expect(html).toContain('<a class="govuk-link" href="/journeys/j/respond">Alpha</a>');
    expect(html).toContain('Waiting for a response');
    expect(html).toContain('1 February 2027 <strong class="govuk-tag govuk-tag--red"> Overdue </strong>');
    expect(html).toContain('Independent arbiter');
    expect(html).toMatch(/Active journeys<\/th> <td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>/);
    expect(html).toContain('<a class="govuk-link" href="/pipeline">View the pipeline</a>');
  });
});
