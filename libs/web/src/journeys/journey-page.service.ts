import { Injectable } from '@nestjs/common';
import type { PublicJourneyEventType } from '@pathway/domain/events';
import type { PathwayTemplate } from '@pathway/domain/template/types';
import { ContractsService } from '@pathway/contracts/contracts.service';
import { presentContract } from '@pathway/contracts/contract.presenter';
import { EscalationsService } from '@pathway/escalations/escalations.service';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { JourneyTasksService } from '@pathway/journeys/journey-tasks.service';
import { JourneysService } from '@pathway/journeys/journeys.service';
import { PathwayTemplatesService } from '@pathway/journeys/pathway-templates.service';
import { presentHistory, presentTask, type JourneyView } from '@pathway/journeys/presenters';
import type { FormErrors } from '../forms';
import { label } from '../labels';
import { presentResults } from '@pathway/results/results.presenter';
import { ResultsService } from '@pathway/results/results.service';
import { contractRows, resultsView, type ContractRow, type ResultsView } from '../sustainability/sustainability-view';
import { YearlyCycleViewService, type YearlyCycleView } from '../sustainability/yearly-cycle-view';
import { LookupsService } from '../support/lookups.service';
import { StaffVoicePageService, type StaffVoicePageData } from '../staff-voice/staff-voice-page.service';
import { buildChecklist, currentPhaseFirst, type Checklist } from './checklist';
import { ownerPartiesFor } from '../tasks/task-owners';
import { transferTimelineView, type TransferTimelineView } from './transfer-timeline-view';
import { CalendarFeedService } from '@pathway/notifications/calendar/calendar-feed.service';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { buildTimeline, declineDecision, type DeclineDecision, type TimelineEntry } from './history';
import { actionFieldId, actionForm, isPublicEventType, type ActionField, type ActionForm } from './journey-actions';
import { JourneyRiskService } from './journey-risk.service';
import { declineGroundsOpenTo } from '@pathway/domain/decline-grounds';
import type { BodyType, Nation } from '@pathway/domain/vocabulary';

/** A journey with what every journey page shows about it: who takes part, its template, what the person may do. */
export interface JourneyContext {
  journey: JourneyEntity;
  view: JourneyView;
  template: PathwayTemplate;
  organisationNames: Map<string, string>;
  /** The parties, for a summary list: "Parent body" → "Brighton Council". */
  parties: Array<{ role: string; name: string }>;
  legalFormName: string | null;
}

/** A field as the GOV.UK macros want it: its id, what was typed, and radio or select items marked. */
export interface ActionFieldView {
  name: string;
  kind: ActionField['kind'];
  label: string;
  hint?: string;
  id: string;
  value: string;
  items?: Array<{ value: string; text: string; hint?: { text: string }; checked?: boolean; selected?: boolean }>;
}

/** An action form as a page renders it (views/journeys/action-form.njk). */
export interface ActionFormView extends Omit<ActionForm, 'fields'> {
  fields: ActionFieldView[];
  /** Where it posts. */
  action: string;
  expectedVersion: number;
  /** What was typed, when shown again with errors. */
  values: Record<string, string>;
  errors?: FormErrors;
  /** Field ids on the page (`<type>-<field>`). */
  ids: Record<string, string>;
  /** Where the form was shown from: a failed post shows the same page again. */
  from?: 'journey' | 'respond';
}

export interface BlockedAction {
  type: string;
  button: string;
  blockingTasks: number;
  /** Conditions beside the tasks (staff support), in words. */
  unmetConditions: string[];
  href: string;
}

export interface JourneyEscalationRow {
  id: string;
  href: string;
  trigger: string;
  status: string;
  level: number;
  assignedTo: string;
  openedAt: string;
  /** While open: when the organisation it is with should decide it. */
  decideBy: string | null;
  reason: string;
}

export interface JourneyPageData extends Omit<JourneyContext, 'organisationNames' | 'template'> {
  actions: { primary: ActionFormView[]; secondary: ActionFormView[]; blocked: BlockedAction[] };
  atRisk: string[];
  /** The parent body's decline, shown while the journey is declined or under appeal. */
  decision: DeclineDecision<string> | null;
  onHold: { resumesTo: string; reason: string | null } | null;
  escalations: JourneyEscalationRow[];
  checklist: Checklist;
  /** The timeline to transfer day (views/journeys/_timeline.njk) and the viewer's calendar feed. */
  transferTimeline: TransferTimelineView;
  calendarFeedUrl: string;
  /** The viewer may add a task of the journey's own (views/tasks/new.njk). */
  canAddTask: boolean;
  timeline: TimelineEntry[];
  /** Where the timeline's page sits in the whole history, with links to older and newer pages. */
  timelinePages: { total: number; shown: number; older: string | null; newer: string | null; newest: string | null };
  /** Open tasks the viewer's organisation owns on this journey, mandatory first, soonest first. */
  yourTasks: Array<{ title: string; href: string; mandatory: boolean; dueDate: string | null; overdue: boolean; status: string }>;
  /** The contracts register and results against the baseline (shown from spinning out onwards, or once there are any). */
  contracts: ContractRow[];
  results: ResultsView;
  /** Staff ballots, the waiver and pulse surveys (views/journeys/_staff-voice.njk). */
  staffVoice: StaffVoicePageData;
  /** The entity's dates, the yearly cycle's tasks and growth finance (views/journeys/_yearly-cycle.njk). */
  yearlyCycle: YearlyCycleView;
}

/** History entries the journey page shows at a time. */
export const HISTORY_ON_PAGE = 20;

/** Which page of history the journey page shows (cursors of the history API). */
export interface HistoryCursor {
  before?: string;
  after?: string;
}

export const journeyPath = (id: string): string => `/journeys/${id}`;
export const actionPath = (journeyId: string, type: string): string => `/journeys/${journeyId}/actions/${type}`;

/**
 * The view data of the journey pages, from the services the API uses: JourneysService (the
 * journey and what this person may do now), JourneyTasksService, EscalationsService and the
 * pathway template. Nothing here decides a rule; it only arranges what the services say.
 */
@Injectable()
export class JourneyPageService {
  constructor(
    private readonly journeys: JourneysService,
    private readonly tasks: JourneyTasksService,
    private readonly templates: PathwayTemplatesService,
    private readonly escalations: EscalationsService,
    private readonly lookups: LookupsService,
    private readonly risk: JourneyRiskService,
    private readonly contracts: ContractsService,
    private readonly results: ResultsService,
    private readonly staffVoice: StaffVoicePageService,
    private readonly yearlyCycle: YearlyCycleViewService,
    private readonly calendar: CalendarFeedService,
  ) {}

  async context(p: Principal, id: string): Promise<JourneyContext> {
    const { journey, view } = await this.journeys.get(p, id);
    const [template, organisationNames] = await Promise.all([
      this.templates.version(journey.templateVersion),
      this.lookups.organisationNames([
        journey.mutualOrganisationId,
        journey.parentBodyId,
        journey.commissionerId,
        journey.departmentId,
        journey.arbiterId,
      ]),
    ]);
    const name = (orgId: string | null) => (orgId ? (organisationNames.get(orgId) ?? 'Unknown organisation') : 'None');
    const parties = [
      { role: 'Mutual', name: name(journey.mutualOrganisationId) },
      { role: 'Parent body', name: name(journey.parentBodyId) },
      { role: 'Commissioner', name: name(journey.commissionerId) },
      { role: 'Government department', name: name(journey.departmentId) },
      { role: 'Independent arbiter', name: name(journey.arbiterId) },
    ];
    const legalFormName = journey.legalForm
      ? (template.legalForms.find((f) => f.key === journey.legalForm)?.name ?? journey.legalForm)
      : null;
    return { journey, view, template, organisationNames, parties, legalFormName };
  }

  /** The form for one allowed event, as shown on a page. */
  actionFormView(
    ctx: Pick<JourneyContext, 'journey' | 'template'>,
    type: PublicJourneyEventType,
    extra: Partial<Pick<ActionFormView, 'values' | 'errors' | 'from'>> = {},
  ): ActionFormView {
    const form = actionForm(type, ctx.template.legalForms, journeyDeclineGrounds(ctx.journey));
    const values: Record<string, string> = {
      ...(type === 'register_legal_entity' && ctx.journey.legalForm ? { legalForm: ctx.journey.legalForm } : {}),
      ...(extra.values ?? {}),
    };
    const fields: ActionFieldView[] = form.fields.map((f) => {
      const id = actionFieldId(type, f.name);
      const value = values[f.name] ?? '';
      const items =
        f.kind === 'radios'
          ? (f.options ?? []).map((o) => ({
              value: o.value,
              text: o.text,
              ...(o.hint ? { hint: { text: o.hint } } : {}),
              checked: o.value === value,
            }))
          : f.kind === 'select'
            ? [
                { value: '', text: 'Select an option', selected: !value },
                ...(f.options ?? []).map((o) => ({ value: o.value, text: o.text, selected: o.value === value })),
              ]
            : undefined;
      return { name: f.name, kind: f.kind, label: f.label, hint: f.hint, id, value, ...(items ? { items } : {}) };
    });
    return {
      ...form,
      fields,
      action: actionPath(ctx.journey.id, type),
      expectedVersion: ctx.journey.version,
      values,
      errors: extra.errors,
      from: extra.from,
      ids: Object.fromEntries(form.fields.map((f) => [f.name, actionFieldId(type, f.name)])),
    };
  }

  /** The journey page; its history shows the newest HISTORY_ON_PAGE entries, or the page a cursor names. */
  async page(p: Principal, id: string, historyCursor: HistoryCursor = {}): Promise<JourneyPageData> {
    const ctx = await this.context(p, id);
    const { journey, view } = ctx;
    const [tasks, history, escalations, atRisk, lastHold, lastDecline, contracts, results] = await Promise.all([
      this.tasks.list(p, id),
      this.journeys.historyPage(p, id, { limit: HISTORY_ON_PAGE, ...historyCursor }),
      this.escalations.list(p, { journeyId: id }).then((list) => this.escalations.withDecideByAll(list)),
      this.risk.reasonsFor(journey),
      this.journeys.latestHistoryOf(id, ['put_on_hold']),
      // While declined or under appeal, the parent body's decision is what everyone needs in front of them.
      ['declined', 'under_appeal'].includes(journey.state)
        ? this.journeys.latestHistoryOf(id, ['decline_expression_of_interest'])
        : Promise.resolve(null),
      this.contracts.list(p, id),
      this.results.read(id),
    ]);
    const now = new Date();
    const taskDtos = tasks.map((t) => presentTask(t, now));
    const historyDtos = history.items.map((h) => presentHistory(h, p));
    const [moreOrgNames, userNames] = await Promise.all([
      this.lookups.organisationNames([
        ...taskDtos.map((t) => t.ownerOrganisationId),
        ...escalations.map((e) => e.assignedOrganisationId),
        ...historyDtos.map((h) => h.data?.assignedOrganisationId as string | undefined),
        ...historyDtos.flatMap((h) => (h.type === 'party_changed' ? [h.data?.from as string, h.data?.to as string] : [])),
      ]),
      this.lookups.userNames([
        ...historyDtos.map((h) => h.actorUserId),
        ...historyDtos.map((h) => h.data?.causedByUserId as string | undefined),
      ]),
    ]);
    const organisationNames = new Map([...ctx.organisationNames, ...moreOrgNames]);

    const allowed = view.allowedEvents.filter(isPublicEventType).map((type) => this.actionFormView(ctx, type, { from: 'journey' }));
    return {
      journey,
      view,
      parties: ctx.parties,
      legalFormName: ctx.legalFormName,
      actions: {
        primary: allowed.filter((a) => !a.secondary),
        secondary: allowed.filter((a) => a.secondary),
        blocked: view.blockedEvents
          .filter((b) => isPublicEventType(b.type))
          .map((b) => ({
            type: b.type,
            button: actionForm(b.type as PublicJourneyEventType).button,
            blockingTasks: b.blockingTasks,
            unmetConditions: b.unmetConditions.map((c) => c.message),
            href: actionPath(id, b.type),
          })),
      },
      atRisk,
      decision: declineDecision(lastDecline ? presentHistory(lastDecline, p) : undefined, organisationNames.get(journey.parentBodyId)),
      onHold: view.heldState
        ? { resumesTo: label(view.heldState, 'state'), reason: typeof lastHold?.data.reason === 'string' ? lastHold.data.reason : null }
        : null,
      timelinePages: {
        total: history.total,
        shown: history.items.length,
        older: history.olderCursor ? `${journeyPath(id)}?historyBefore=${history.olderCursor}#history-heading` : null,
        newer: history.newerCursor ? `${journeyPath(id)}?historyAfter=${history.newerCursor}#history-heading` : null,
        newest: history.newerCursor ? `${journeyPath(id)}#history-heading` : null,
      },
      escalations: escalations
        .slice()
        .sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1))
        .map((e) => ({
          id: e.id,
          href: `/escalations/${e.id}`,
          trigger: label(e.trigger, 'escalationTrigger'),
          status: e.status,
          level: e.level,
          assignedTo: organisationNames.get(e.assignedOrganisationId) ?? 'Another organisation',
          openedAt: new Date(e.openedAt).toISOString(),
          decideBy: e.decideBy ? e.decideBy.toISOString() : null,
          reason: e.reason,
        })),
      checklist: currentPhaseFirst(buildChecklist(id, taskDtos, organisationNames), journey.phase),
      transferTimeline: transferTimelineView(journey, taskDtos, todayInLondon(now)),
      calendarFeedUrl: `/calendar/${await this.calendar.keyOf(p.id)}.ics`,
      canAddTask: journey.state !== 'withdrawn' && ownerPartiesFor(p, journey).length > 0,
      yourTasks: taskDtos
        .filter((t) => t.ownerOrganisationId === p.organisationId && !['completed', 'not_applicable'].includes(t.status))
        .sort((a, b) => Number(b.mandatory) - Number(a.mandatory) || (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'))
        .map((t) => ({
          title: t.title,
          href: `/journeys/${id}/tasks/${t.id}`,
          mandatory: t.mandatory,
          dueDate: t.dueDate,
          overdue: t.overdue,
          status: t.status,
        })),
      contracts: contractRows(contracts.map(presentContract)),
      results: resultsView(presentResults(results)),
      staffVoice: await this.staffVoice.view(p, journey),
      yearlyCycle: await this.yearlyCycle.view(
        p,
        journey,
        taskDtos,
        (ctx.template.yearlyTasks ?? []).map((y) => y.key),
      ),
      timeline: buildTimeline(historyDtos, {
        journeyId: id,
        userNames,
        organisationNames,
        legalFormNames: new Map(ctx.template.legalForms.map((f) => [f.key, f.name])),
      }),
    };
  }
}

/** The decline grounds open to a journey's parent body (its recorded fit). */
export const journeyDeclineGrounds = (j: { nation: Nation; parentBodyType: BodyType | null }) =>
  declineGroundsOpenTo({ nation: j.nation, bodyType: j.parentBodyType });
