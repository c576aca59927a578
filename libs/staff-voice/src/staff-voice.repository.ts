import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';
import type { BallotMethod } from '@pathway/domain/staff-voice/ballot';

export interface BallotRow {
  id: string;
  journey_id: string;
  question: string;
  held_on: string;
  method: BallotMethod;
  eligible: number;
  votes_for: number;
  votes_against: number;
  abstentions: number;
  independent_scrutineer: string | null;
  recorded_by_user_id: string;
  recorded_at: Date;
}

export interface WaiverRow {
  id: string;
  journey_id: string;
  reason: string;
  waived_by_user_id: string;
  waived_at: Date;
}

export interface SurveyRow {
  id: string;
  journey_id: string;
  held_on: string;
  respondents: number;
  eligible: number;
  understand_pension: string;
  support_spin_out: string;
  morale_good: string;
  recorded_by_user_id: string;
  recorded_at: Date;
}

export type NewBallot = Omit<BallotRow, 'id' | 'recorded_at'>;
export type NewSurvey = Omit<SurveyRow, 'id' | 'recorded_at' | 'understand_pension' | 'support_spin_out' | 'morale_good'> & {
  understand_pension: number;
  support_spin_out: number;
  morale_good: number;
};

const BALLOT_COLUMNS = `id, journey_id, question, to_char(held_on, 'YYYY-MM-DD') AS held_on, method, eligible, votes_for, votes_against,
  abstentions, independent_scrutineer, recorded_by_user_id, recorded_at`;
const SURVEY_COLUMNS = `id, journey_id, to_char(held_on, 'YYYY-MM-DD') AS held_on, respondents, eligible, understand_pension::text,
  support_spin_out::text, morale_good::text, recorded_by_user_id, recorded_at`;
/** The latest ballot is the one held last (ties: recorded last). */
const LATEST_FIRST = `ORDER BY held_on DESC, recorded_at DESC, id DESC`;

/** Staff ballots, waivers and pulse surveys: every query of the feature, on the caller's connection. */
@Injectable()
export class StaffVoiceRepository {
  async insertBallot(em: EntityManager, b: NewBallot): Promise<BallotRow> {
    const [row] = queryRows<BallotRow>(
      await em.query(
        `INSERT INTO staff_ballots (journey_id, question, held_on, method, eligible, votes_for, votes_against, abstentions,
                                    independent_scrutineer, recorded_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${BALLOT_COLUMNS}`,
        [
          b.journey_id,
          b.question,
          b.held_on,
          b.method,
          b.eligible,
          b.votes_for,
          b.votes_against,
          b.abstentions,
          b.independent_scrutineer,
          b.recorded_by_user_id,
        ],
      ),
    );
    return row;
  }

  async ballots(em: EntityManager, journeyId: string): Promise<BallotRow[]> {
    return queryRows<BallotRow>(
      await em.query(`SELECT ${BALLOT_COLUMNS} FROM staff_ballots WHERE journey_id = $1 ${LATEST_FIRST}`, [journeyId]),
    );
  }

  async latestBallot(em: EntityManager, journeyId: string): Promise<BallotRow | null> {
    const rows = queryRows<BallotRow>(
      await em.query(`SELECT ${BALLOT_COLUMNS} FROM staff_ballots WHERE journey_id = $1 ${LATEST_FIRST} LIMIT 1`, [journeyId]),
    );
    return rows[0] ?? null;
  }

  /** The latest ballot of each journey, for lists and the CSV. */
  async latestBallots(em: EntityManager, journeyIds: string[]): Promise<Map<string, BallotRow>> {
    if (!journeyIds.length) return new Map();
    const rows = queryRows<BallotRow>(
      await em.query(
        `SELECT DISTINCT ON (journey_id) ${BALLOT_COLUMNS} FROM staff_ballots WHERE journey_id = ANY($1)
          ORDER BY journey_id, held_on DESC, recorded_at DESC, id DESC`,
        [journeyIds],
      ),
    );
    return new Map(rows.map((r) => [r.journey_id, r]));
  }

  /** The journeys among `journeyIds` whose staff-support condition the central team has waived. */
  async waivedJourneys(em: EntityManager, journeyIds: string[]): Promise<Set<string>> {
    if (!journeyIds.length) return new Set();
    const rows: Array<{ journey_id: string }> = await em.query(
      `SELECT DISTINCT journey_id FROM staff_support_waivers WHERE journey_id = ANY($1)`,
      [journeyIds],
    );
    return new Set(rows.map((r) => r.journey_id));
  }

  async waiver(em: EntityManager, journeyId: string): Promise<WaiverRow | null> {
    const rows = queryRows<WaiverRow>(
      await em.query(
        `SELECT id, journey_id, reason, waived_by_user_id, waived_at FROM staff_support_waivers WHERE journey_id = $1
          ORDER BY waived_at DESC, id DESC LIMIT 1`,
        [journeyId],
      ),
    );
    return rows[0] ?? null;
  }

  async insertWaiver(em: EntityManager, journeyId: string, reason: string, userId: string): Promise<WaiverRow> {
    const [row] = queryRows<WaiverRow>(
      await em.query(
        `INSERT INTO staff_support_waivers (journey_id, reason, waived_by_user_id) VALUES ($1, $2, $3)
         RETURNING id, journey_id, reason, waived_by_user_id, waived_at`,
        [journeyId, reason, userId],
      ),
    );
    return row;
  }

  async insertSurvey(em: EntityManager, s: NewSurvey): Promise<SurveyRow> {
    const [row] = queryRows<SurveyRow>(
      await em.query(
        `INSERT INTO staff_surveys (journey_id, held_on, respondents, eligible, understand_pension, support_spin_out, morale_good, recorded_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${SURVEY_COLUMNS}`,
        [
          s.journey_id,
          s.held_on,
          s.respondents,
          s.eligible,
          s.understand_pension,
          s.support_spin_out,
          s.morale_good,
          s.recorded_by_user_id,
        ],
      ),
    );
    return row;
  }

  /** Oldest first: the order of a trend. */
  async surveys(em: EntityManager, journeyId: string): Promise<SurveyRow[]> {
    return queryRows<SurveyRow>(
      await em.query(`SELECT ${SURVEY_COLUMNS} FROM staff_surveys WHERE journey_id = $1 ORDER BY held_on, recorded_at, id`, [journeyId]),
    );
  }
}
