import { Injectable } from '@nestjs/common';
import type { EscalationEntity } from '@pathway/escalations/escalation.entity';
import { EscalationsService } from '@pathway/escalations/escalations.service';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { deadlineInstant } from '@pathway/domain/calendar/deadline';
import { JourneyTasksService, type DatedTask } from '@pathway/journeys/journey-tasks.service';
import { JourneysService } from '@pathway/journeys/journeys.service';
import type { PipelineSummaryDto } from '@pathway/pipeline/dto/pipeline-response.dto';
import { PipelineService } from '@pathway/pipeline/pipeline.service';
import { standingDecisionTerms, type RightToProvideRequestView } from '@pathway/right-to-provide/request-view';
import { RightToProvideService } from '@pathway/right-to-provide/right-to-provide.service';
import { WorkQueueService } from '@pathway/daily-work/work-queue.service';
import { taskPath } from '../journeys/checklist';
import { decisionAttachmentView, type TimelineEntry } from '../journeys/history';
import { journeyPath } from '../journeys/journey-page.service';
import { label, ORGANISATION_KIND_LABELS, roleInSentence } from '../labels';
import { LookupsService } from '../support/lookups.service';

/** A row of "Your journeys". */
export interface JourneyItem {
  name: string;
  href: string;
  phase: string;
  state: string;
  plannedTransferDate: string;
  /** The soonest deadline of an open task, if any. */
  nextDeadline: { deadline: string; dueDate: string | null; overdue: boolean; taskTitle: string; href: string } | null;
}

/** A row of the Right to Provide inbox. */
export interface RequestItem {
  journeyName: string;
  href: string;
  mutualName: string;
  submittedAt: string;
  responseDueDate: string | null;
  overdue: boolean;
  status: string;
  /** What the page says: an upheld appeal reads "Decline overturned on appeal", not "Declined". */
  standing: string;
  /** The conditions of the decision that stands now (the appeal finding's once an appeal is decided). */
  conditions: string | null;
  /** That decision's file, as a download link. */
  attachment?: TimelineEntry['attachment'];
}

/** A task the person's organisation owes. */
export interface OwedTaskItem {
  title: string;
  href: string;
  journeyName: string;
  journeyHref: string;
  dueDate: string | null;
  deadline: string | null;
  overdue: boolean;
  status: string;
}

/** An escalation assigned to the person's organisation. */
export interface EscalationItem {
  href: string;
  trigger: string;
  journeyName: string;
  journeyHref: string;
  openedAt: string;
  level: number;
  reason: string;
}

interface SectionBase {
  heading: string;
  /** Shown when there are no items. */
  emptyText: string;
  /** A link below the section ("View the pipeline"), when the section has a page of its own. */
  link?: { href: string; text: string };
  /** A button above the section's content ("Start a journey"). */
  action?: { href: string; text: string };
  /** A sentence under the heading ("12 open: 3 overdue"). */
  intro?: string;
}

/**
 * One section of a start page. `id` picks the partial that renders it:
 * `views/start/sections/<id>.njk`.
 */
export type StartSection =
  | (SectionBase & { id: 'journeys'; items: JourneyItem[] })
  | (SectionBase & { id: 'requests'; items: RequestItem[] })
  | (SectionBase & { id: 'tasks'; items: OwedTaskItem[] })
  | (SectionBase & { id: 'escalations'; items: EscalationItem[] })
  | (SectionBase & { id: 'pipeline'; items: never[]; summary: PipelineSummaryDto; phases: Array<{ label: string; count: number }> });

export interface StartPage {
  /** "You are a mutual lead at Aspire Sussex." */
  roleSentence: string;
  organisationKind: string;
  sections: StartSection[];
}

/** Journeys read for a start page (the list is soonest planned transfer first). */
const JOURNEY_LIMIT = 100;
const START_A_JOURNEY = { href: '/journeys/new', text: 'Start a journey' };
/** Tasks shown on the start page; the rest are on /tasks. */
const WORK_QUEUE_PREVIEW = 5;

/**
 * The start page (`/`) for each kind of user: one method per kind, each returning the view data
 * for `views/start.njk`, from the services the API uses.
 */
@Injectable()
export class StartPageService {
  constructor(
    private readonly journeys: JourneysService,
    private readonly tasks: JourneyTasksService,
    private readonly requests: RightToProvideService,
    private readonly escalations: EscalationsService,
    private readonly pipeline: PipelineService,
    private readonly lookups: LookupsService,
    private readonly queue: WorkQueueService,
  ) {}

  async forPrincipal(user: Principal): Promise<StartPage> {
    // Every start page leads with the person's own work queue (one query, whatever the number of journeys).
    const [queue, rest] = await Promise.all([this.workQueue(user), this.sectionsFor(user)]);
    const sections = [queue, ...rest];
    return {
      roleSentence: `You are ${roleInSentence(user.role)} at ${user.organisationName}.`,
      organisationKind: ORGANISATION_KIND_LABELS[user.organisationKind],
      sections,
    };
  }

  private sectionsFor(user: Principal): Promise<StartSection[]> {
    switch (user.role) {
      case 'mutual_lead':
      case 'mutual_member':
        return this.forMutual(user);
      case 'parent_body_officer':
        return this.forParentBody(user);
      case 'commissioner':
        return this.forCommissioner(user);
      case 'department_officer':
      case 'arbiter':
        return this.forEscalationHandler(user);
      case 'cabinet_office_staff':
      case 'cabinet_office_admin':
        return this.forCentralTeam(user);
      case 'adviser':
        return this.forAdviser(user);
    }
  }

  /** A mutual's leadership team: their journeys, with "Start a journey" for the lead. */
  async forMutual(user: Principal): Promise<StartSection[]> {
    const { items: journeys } = await this.journeys.list(user, { limit: JOURNEY_LIMIT });
    const now = new Date();
    // Every listed journey's soonest open deadline in one statement (not one journey at a time).
    const nextByJourney = new Map<string, DatedTask>();
    for (const t of await this.tasks.nextDeadlinesOf(journeys.map((j) => j.id))) nextByJourney.set(t.journeyId, t);
    const items: JourneyItem[] = [];
    for (const j of journeys) {
      const task = nextByJourney.get(j.id);
      const deadline = task ? deadlineInstant(task) : null;
      const next = task && deadline ? { ...task, deadline: deadline.toISOString(), overdue: deadline <= now } : undefined;
      items.push({
        name: j.name,
        href: journeyPath(j.id),
        phase: j.phase,
        state: j.state,
        plannedTransferDate: j.plannedTransferDate,
        nextDeadline: next
          ? { deadline: next.deadline!, dueDate: next.dueDate, overdue: next.overdue, taskTitle: next.title, href: taskPath(j.id, next.id) }
          : null,
      });
    }
    return [
      {
        id: 'journeys',
        heading: 'Your journeys',
        emptyText: 'Your organisation has no journeys yet.',
        items,
        ...(user.role === 'mutual_lead' ? { action: START_A_JOURNEY } : {}),
      },
    ];
  }

  /**
   * Parent body officers: their Right to Provide inbox (awaiting a response first, soonest
   * deadline first: the service's order), then the tasks they owe across journeys, soonest first.
   */
  async forParentBody(user: Principal): Promise<StartSection[]> {
    const requests = await this.requests.list(user);
    return [
      {
        id: 'requests',
        heading: 'Requests for you to answer',
        emptyText: 'There are no requests waiting for your response.',
        items: requests.map((r) => this.requestItem(r)),
      },
    ];
  }

  /** Commissioners: the tasks they owe across journeys. */
  async forCommissioner(_user: Principal): Promise<StartSection[]> {
    return [];
  }

  /** Department and arbiter users: open escalations assigned to their organisation, oldest first. */
  async forEscalationHandler(user: Principal): Promise<StartSection[]> {
    const open = await this.escalations.list(user, { status: 'open', assignedToMe: true });
    const items = await this.escalationItems(open);
    const sections: StartSection[] = [
      {
        id: 'escalations',
        heading: 'Escalations assigned to you',
        emptyText: 'There are no open escalations assigned to your organisation.',
        items,
      },
    ];
    if (user.role === 'department_officer') {
      sections.push(await this.pipelineSection(user, 'Your department’s pipeline'));
    }
    return sections;
  }

  /** Advisers of a support provider: the journeys their organisation is assigned to advise. */
  async forAdviser(user: Principal): Promise<StartSection[]> {
    const [section] = await this.forMutual(user);
    return [{ ...section, heading: 'Journeys you advise', emptyText: 'Your organisation has not been assigned to any journeys yet.' }];
  }

  /** The central team: the pipeline's headline figures and a link to the pipeline page. */
  async forCentralTeam(user: Principal): Promise<StartSection[]> {
    const pipeline = await this.pipelineSection(user, 'Pipeline');
    return [{ ...pipeline, action: START_A_JOURNEY }];
  }

  private requestItem(r: RightToProvideRequestView): RequestItem {
    const terms = standingDecisionTerms(r);
    return {
      journeyName: r.journeyName,
      href: r.status === 'awaiting_response' ? `${journeyPath(r.journeyId)}/respond` : journeyPath(r.journeyId),
      mutualName: r.mutualOrganisationName,
      submittedAt: r.submittedAt,
      responseDueDate: r.responseDueDate,
      overdue: r.overdue,
      status: r.status,
      standing: r.standing,
      conditions: terms?.conditions ?? null,
      attachment: decisionAttachmentView(terms?.attachment),
    };
  }

  /** The first few tasks of the person's work queue (overdue first), linking to /tasks for the rest. */
  async workQueue(user: Principal): Promise<StartSection> {
    const { items, total, counts } = await this.queue.forPrincipal(user, { limit: WORK_QUEUE_PREVIEW });
    const summary = [
      counts.overdue ? `${counts.overdue} overdue` : null,
      counts.this_week ? `${counts.this_week} due in the next 7 days` : null,
    ]
      .filter(Boolean)
      .join(', ');
    return {
      id: 'tasks',
      heading: 'Your tasks',
      emptyText: 'You have no open tasks.',
      ...(summary ? { intro: `${total} open: ${summary}.` } : total ? { intro: `${total} open.` } : {}),
      items: items.map((t) => ({
        title: t.title,
        href: taskPath(t.journeyId, t.id),
        journeyName: t.journeyName,
        journeyHref: journeyPath(t.journeyId),
        dueDate: t.dueDate,
        deadline: t.deadline,
        overdue: t.overdue,
        status: t.status,
      })),
      link: { href: '/tasks', text: total > items.length ? `View all ${total} of your tasks` : 'View your tasks' },
    };
  }

  private async escalationItems(escalations: EscalationEntity[]): Promise<EscalationItem[]> {
    const names = await this.lookups.journeyNames(escalations.map((e) => e.journeyId));
    return escalations.map((e) => ({
      href: `/escalations/${e.id}`,
      trigger: label(e.trigger, 'escalationTrigger'),
      journeyName: names.get(e.journeyId) ?? 'A journey',
      journeyHref: journeyPath(e.journeyId),
      openedAt: new Date(e.openedAt).toISOString(),
      level: e.level,
      reason: e.reason,
    }));
  }

  private async pipelineSection(user: Principal, heading: string): Promise<StartSection> {
    const summary = await this.pipeline.summary(AccessPolicy.pipelineScope(user), {});
    return {
      id: 'pipeline',
      heading,
      emptyText: 'There are no journeys in the pipeline yet.',
      items: [],
      summary,
      phases: Object.entries(summary.byPhase).map(([phase, count]) => ({ label: label(phase, 'phase'), count })),
      link: { href: '/pipeline', text: 'View the pipeline' },
    };
  }
}
