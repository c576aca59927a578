import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { characterCount, excerpt } from '@pathway/domain/bounds/bounds';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { recordHistory } from '@pathway/journeys/history';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { BadRequestError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { EvidenceRepository, type CommentRow } from './evidence.repository';

/** The longest comment accepted (characters, after trimming). */
export const MAX_COMMENT_LENGTH = 5000;

/** Why a comment body is not acceptable, or null. */
export function commentProblem(body: unknown): string | null {
  if (typeof body !== 'string' || !body.trim()) return 'body must be a comment of at least one character';
  if (characterCount(body.trim()) > MAX_COMMENT_LENGTH) return `body must be at most ${MAX_COMMENT_LENGTH} characters`;
  if (body.includes('\u0000')) return 'body must not contain NUL characters';
  return null;
}

/** The task (of a journey the caller can see) that evidence is added to: 404 when either is not visible. */
export async function loadTaskOfVisibleJourney(
  em: EntityManager,
  p: Principal,
  journeyId: string,
  taskId: string,
): Promise<{ journey: JourneyEntity; task: { id: string; key: string; title: string; ownerOrganisationId: string | null } }> {
  const journey = await loadVisibleJourney(em, p, journeyId);
  const [task] = await em.query(
    `SELECT id, key, title, owner_organisation_id AS "ownerOrganisationId" FROM journey_tasks WHERE id = $1 AND journey_id = $2`,
    [taskId, journeyId],
  );
  if (!task) throw new NotFoundError('Task');
  return { journey, task };
}

/**
 * Comments on a journey's tasks. Anyone who can see the journey may comment (its parties and the
 * central team; AccessPolicy decides who sees a journey, so organisations it is later opened to
 * can comment too). Each comment is in the journey's history in the same transaction.
 * Other features (advisers' support) call `add` and `list` directly.
 */
@Injectable()
export class TaskCommentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: EvidenceRepository,
  ) {}

  async add(p: Principal, journeyId: string, taskId: string, body: string): Promise<CommentRow> {
    const problem = commentProblem(body);
    if (problem) throw new BadRequestError([problem]);
    return this.db.transaction(async (tx) => {
      const { task } = await loadTaskOfVisibleJourney(tx, p, journeyId, taskId);
      const comment = await this.repo.insertComment(tx, { journeyId, taskId, authorUserId: p.id, body: body.trim() });
      await recordHistory(tx, {
        journeyId,
        actorUserId: p.id,
        type: 'task_comment_added',
        data: {
          taskId,
          taskKey: task.key,
          title: task.title,
          commentId: comment.id,
          comment: excerpt(comment.body, 500),
        },
      });
      await tx.query(`UPDATE journeys SET last_activity_at = now() WHERE id = $1`, [journeyId]);
      return comment;
    });
  }

  async list(
    p: Principal,
    journeyId: string,
    taskId: string,
    page: { limit?: number; offset?: number } = {},
  ): Promise<{ items: CommentRow[]; total: number }> {
    await loadTaskOfVisibleJourney(this.db.manager, p, journeyId, taskId);
    return this.repo.comments(taskId, page.limit ?? 100, page.offset ?? 0);
  }
}
