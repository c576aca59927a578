import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY } from '@pathway/domain/template/validate-template';
import type { BodyType, Nation, RightToProvideStatus } from '@pathway/domain/vocabulary';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { NotFoundError } from '@pathway/platform/errors/domain-errors';
import {
  AppealEscalationRow,
  buildRequestView,
  compareRequests,
  REQUEST_EVENT_TYPES,
  RequestHistoryRow,
  RequestJourneyRow,
  RequestTaskRow,
  RightToProvideRequestView,
} from './request-view';

interface JourneyRow extends RequestJourneyRow {
  taskId: string | null;
  taskDueDate: string | null;
  taskDueAt: Date | null;
  taskStatus: RequestTaskRow['status'] | null;
}

/**
 * The parent body's Right to Provide inbox: every expression of interest addressed to the
 * caller's organisation, derived from journeys (nothing is stored twice): the submission and
 * decisions from journey history, the deadline from the response task, an appeal's whereabouts
 * from its escalation.
 */
@Injectable()
export class RightToProvideService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(p: Principal, filter: { status?: RightToProvideStatus } = {}): Promise<RightToProvideRequestView[]> {
    AccessPolicy.assertParentBodyOfficer(p);
    const views = await this.load(p.organisationId, null);
    return views.filter((v) => !filter.status || v.status === filter.status).sort(compareRequests);
  }

  /** One request; 404 unless it is addressed to the caller's organisation and has been submitted. */
  async get(p: Principal, journeyId: string): Promise<RightToProvideRequestView> {
    AccessPolicy.assertParentBodyOfficer(p);
    const [view] = await this.load(p.organisationId, journeyId);
    if (!view) throw new NotFoundError('Right to Provide request');
    return view;
  }

  /** The fit of a journey the caller may see (404 otherwise): whose decline grounds apply. */
  async fitOf(p: Principal, journeyId: string): Promise<{ nation: Nation; bodyType: BodyType | null }> {
    const j = await loadVisibleJourney(this.db.manager, p, journeyId);
    return { nation: j.nation, bodyType: j.parentBodyType };
  }

  private async load(parentBodyId: string, journeyId: string | null): Promise<RightToProvideRequestView[]> {
    const journeys: JourneyRow[] = await this.db.query(
      `SELECT j.id AS "journeyId", j.name AS "journeyName", j.mutual_organisation_id AS "mutualOrganisationId",
              mo.name AS "mutualOrganisationName", j.parent_body_id AS "parentBodyId", j.proposal_summary AS "proposalSummary",
              j.phase, j.state, t.id AS "taskId", t.due_date AS "taskDueDate", t.due_at AS "taskDueAt", t.status AS "taskStatus"
         FROM journeys j
         JOIN organisations mo ON mo.id = j.mutual_organisation_id
         LEFT JOIN journey_tasks t ON t.journey_id = j.id AND t.key = $3
        WHERE j.parent_body_id = $1
          AND j.event_dates ->> 'submit_expression_of_interest' IS NOT NULL
          AND ($2::uuid IS NULL OR j.id = $2::uuid)`,
      [parentBodyId, journeyId, RIGHT_TO_PROVIDE_RESPONSE_TASK_KEY],
    );
    if (journeys.length === 0) return [];
    const ids = journeys.map((j) => j.journeyId);
    const history: Array<RequestHistoryRow & { journeyId: string }> = await this.db.query(
      `SELECT h.journey_id AS "journeyId", h.type, h.at, h.actor_user_id AS "actorUserId", u.name AS "actorName", h.data
         FROM journey_history h
         LEFT JOIN users u ON u.id = h.actor_user_id
        WHERE h.journey_id = ANY($1) AND h.type = ANY($2)
          -- Appeals about this request only (a refused business case is appealed too): from its own states.
          AND (h.type NOT IN ('appeal', 'uphold_appeal', 'dismiss_appeal') OR h.from_state IN ('declined', 'under_appeal'))
        ORDER BY h.journey_id, h.id`,
      [ids, REQUEST_EVENT_TYPES],
    );
    const appeals: Array<AppealEscalationRow & { journeyId: string }> = await this.db.query(
      `SELECT DISTINCT ON (e.journey_id) e.journey_id AS "journeyId", e.id, e.status, e.level,
              e.assigned_organisation_id AS "assignedOrganisationId", e.opened_at AS "openedAt", e.resolved_at AS "resolvedAt",
              e.resolution, e.outcome, e.conditions,
              CASE WHEN f.id IS NOT NULL THEN json_build_object('id', f.id, 'fileName', f.file_name, 'contentType', f.content_type,
                                                                'sizeBytes', f.size_bytes) END AS attachment
         FROM escalations e
         LEFT JOIN decision_attachments f ON f.escalation_id = e.id
        WHERE e.journey_id = ANY($1) AND e.trigger = 'appeal'
          AND NOT EXISTS (SELECT 1 FROM journey_history h
                           WHERE h.journey_id = e.journey_id AND h.type = 'escalation_opened'
                             AND h.data ->> 'escalationId' = e.id::text AND h.data ->> 'appealOf' = 'business_case')
        ORDER BY e.journey_id, e.opened_at DESC, e.id DESC`,
      [ids],
    );
    const historyBy = new Map<string, RequestHistoryRow[]>();
    for (const h of history) {
      const rows = historyBy.get(h.journeyId) ?? [];
      rows.push(h);
      historyBy.set(h.journeyId, rows);
    }
    const appealBy = new Map(appeals.map((a) => [a.journeyId, a]));
    const now = new Date();
    return journeys
      .map((j) =>
        buildRequestView(
          j,
          j.taskId ? { id: j.taskId, dueDate: j.taskDueDate, dueAt: j.taskDueAt, status: j.taskStatus! } : null,
          historyBy.get(j.journeyId) ?? [],
          appealBy.get(j.journeyId) ?? null,
          now,
        ),
      )
      .filter((v): v is RightToProvideRequestView => v !== null);
  }
}
