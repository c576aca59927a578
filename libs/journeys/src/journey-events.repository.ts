import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@pathway/database/prepared';
import type { JourneyState, OwnerParty, Phase, TaskStatus, Workstream } from '@pathway/domain/vocabulary';
import type { HistoryEntry } from './history';
import type { JourneyEntity } from './entities/journey.entity';

/** What an event reads of a journey's tasks (never the guidance text): guard, creation, due dates, completion. */
export interface EventTask {
  id: string;
  key: string;
  title: string;
  phase: Phase;
  gateState: JourneyState | null;
  workstream: Workstream;
  ownerParty: OwnerParty;
  ownerOrganisationId: string | null;
  status: TaskStatus;
  mandatory: boolean;
  statutory: boolean;
  dueDate: string | null;
  dueSetByHand: boolean;
  dependsOn: string[];
  createdAt: Date;
}

/** A task row the event changes: its status (completion, availability) and/or its deadline. */
export interface TaskWrite {
  id: string;
  status?: TaskStatus;
  /** Set: the deadline moves (null clears it). */
  dueDate?: string | null;
}

/**
 * The SQL of firing an event, inside the event's transaction: the journey's tasks read once
 * (under the journey's lock, taken by loadVisibleJourney), and the new position, the task changes
 * and every history row written in one statement.
 */
@Injectable()
export class JourneyEventsRepository {
  async tasks(tx: EntityManager, journeyId: string): Promise<EventTask[]> {
    return tx.query(
      `SELECT id, key, title, phase, gate_state AS "gateState", workstream, owner_party AS "ownerParty",
              owner_organisation_id AS "ownerOrganisationId", status, mandatory, statutory,
              to_char(due_date, 'YYYY-MM-DD') AS "dueDate", due_set_by_hand AS "dueSetByHand", depends_on AS "dependsOn",
              created_at AS "createdAt"
         FROM journey_tasks WHERE journey_id = $1`,
      [journeyId],
    );
  }

  /**
   * One statement: the journey's new position (version bumped, last activity now), the task
   * changes, and the history rows in the order given (cause before consequence). Returns the new version.
   */
  async write(tx: EntityManager, j: JourneyEntity, taskWrites: readonly TaskWrite[], history: readonly HistoryEntry[]): Promise<number> {
    // Every event runs this: a named prepared statement, parsed and planned once per connection.
    const {
      rows: [{ version }],
    } = await preparedQuery<{ version: number }>(
      tx,
      `WITH moved AS (
           UPDATE journeys SET phase = $2, state = $3, machine_snapshot = $4, event_dates = $5, proposal_summary = $6, legal_form = $7,
                  version = version + 1, updated_at = now(), last_activity_at = now()
            WHERE id = $1 RETURNING version
         ), tasks AS (
           UPDATE journey_tasks t
              SET status = coalesce(c.status, t.status),
                  completed_at = CASE WHEN c.status = 'completed' AND t.status <> 'completed' THEN now() ELSE t.completed_at END,
                  due_date = CASE WHEN c.set_due THEN c.due_date ELSE t.due_date END,
                  updated_at = now()
             FROM unnest($8::uuid[], $9::text[], $10::boolean[], $11::date[]) AS c(id, status, set_due, due_date)
            WHERE t.id = c.id AND t.journey_id = $1
         ), written AS (
           INSERT INTO journey_history (journey_id, actor_user_id, type, from_phase, from_state, to_phase, to_state, data)
           SELECT $1, h.actor_user_id, h.type, h.from_phase, h.from_state, h.to_phase, h.to_state, h.data
             FROM jsonb_to_recordset($12::jsonb) AS h(ord int, actor_user_id uuid, type text, from_phase text, from_state text,
                  to_phase text, to_state text, data jsonb)
            ORDER BY h.ord
         )
         SELECT version FROM moved`,
      [
        j.id,
        j.phase,
        j.state,
        JSON.stringify(j.machineSnapshot),
        JSON.stringify(j.eventDates),
        j.proposalSummary,
        j.legalForm,
        taskWrites.map((w) => w.id),
        taskWrites.map((w) => w.status ?? null),
        taskWrites.map((w) => w.dueDate !== undefined),
        taskWrites.map((w) => w.dueDate ?? null),
        JSON.stringify(
          history.map((e, ord) => ({
            ord,
            actor_user_id: e.actorUserId,
            type: e.type,
            from_phase: e.fromPhase ?? null,
            from_state: e.fromState ?? null,
            to_phase: e.toPhase ?? null,
            to_state: e.toState ?? null,
            data: e.data ?? {},
          })),
        ),
      ],
    );
    return version;
  }
}
