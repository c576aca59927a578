import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface CommentRow {
  id: string;
  journeyId: string;
  taskId: string;
  body: string;
  authorUserId: string;
  authorName: string | null;
  createdAt: Date;
}

export interface AttachmentRow {
  id: string;
  journeyId: string;
  /** Null for a decision's file. */
  taskId: string | null;
  kind: 'file' | 'link';
  title: string;
  url: string | null;
  storageKey: string | null;
  fileName: string | null;
  contentType: string | null;
  sizeBytes: string | number | null;
  uploadedByUserId: string;
  uploadedByName: string | null;
  createdAt: Date;
}

const COMMENT_COLUMNS = `c.id, c.journey_id AS "journeyId", c.task_id AS "taskId", c.body, c.author_user_id AS "authorUserId", u.name AS "authorName", c.created_at AS "createdAt"`;
const ATTACHMENT_COLUMNS = `a.id, a.journey_id AS "journeyId", a.task_id AS "taskId", a.kind, a.title, a.url, a.storage_key AS "storageKey", a.file_name AS "fileName",
  a.content_type AS "contentType", a.size_bytes AS "sizeBytes", a.uploaded_by_user_id AS "uploadedByUserId", u.name AS "uploadedByName", a.created_at AS "createdAt"`;

/** The SQL of comments and attachments on tasks. */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insertComment(
    tx: EntityManager,
    c: { journeyId: string; taskId: string; authorUserId: string; body: string },
  ): Promise<CommentRow> {
    const [row] = await tx.query(
      `WITH c AS (INSERT INTO task_comments (journey_id, task_id, author_user_id, body) VALUES ($1, $2, $3, $4) RETURNING *)
       SELECT ${COMMENT_COLUMNS} FROM c LEFT JOIN users u ON u.id = c.author_user_id`,
      [c.journeyId, c.taskId, c.authorUserId, c.body],
    );
    return row;
  }

  async comments(taskId: string, limit: number, offset: number): Promise<{ items: CommentRow[]; total: number }> {
    const rows: Array<CommentRow & { total: string }> = await this.db.query(
      `SELECT ${COMMENT_COLUMNS}, count(*) OVER () AS total FROM task_comments c LEFT JOIN users u ON u.id = c.author_user_id
        WHERE c.task_id = $1 ORDER BY c.created_at, c.id LIMIT $2 OFFSET $3`,
      [taskId, limit, offset],
    );
    const total = rows.length
      ? Number(rows[0].total)
      : offset > 0
        ? Number((await this.db.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM task_comments WHERE task_id = $1`, [taskId]))[0].n)
        : 0;
    return { items: rows.map(({ total: _t, ...r }) => r), total };
  }

  async insertAttachment(
    tx: EntityManager,
    a: {
      id: string;
      journeyId: string;
      taskId: string;
      kind: 'file' | 'link';
      title: string;
      url?: string | null;
      storageKey?: string | null;
      fileName?: string | null;
      contentType?: string | null;
      sizeBytes?: number | null;
      sha256?: string | null;
      uploadedByUserId: string;
    },
  ): Promise<AttachmentRow> {
    const [row] = await tx.query(
      `WITH a AS (INSERT INTO task_attachments (id, journey_id, task_id, kind, title, url, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by_user_id)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *)
       SELECT ${ATTACHMENT_COLUMNS} FROM a LEFT JOIN users u ON u.id = a.uploaded_by_user_id`,
      [
        a.id,
        a.journeyId,
        a.taskId,
        a.kind,
        a.title,
        a.url ?? null,
        a.storageKey ?? null,
        a.fileName ?? null,
        a.contentType ?? null,
        a.sizeBytes ?? null,
        a.sha256 ?? null,
        a.uploadedByUserId,
      ],
    );
    return row;
  }

  async attachments(taskId: string, limit: number, offset: number): Promise<{ items: AttachmentRow[]; total: number }> {
    const rows: Array<AttachmentRow & { total: string }> = await this.db.query(
      `SELECT ${ATTACHMENT_COLUMNS}, count(*) OVER () AS total FROM task_attachments a LEFT JOIN users u ON u.id = a.uploaded_by_user_id
        WHERE a.task_id = $1 ORDER BY a.created_at, a.id LIMIT $2 OFFSET $3`,
      [taskId, limit, offset],
    );
    const total = rows.length
      ? Number(rows[0].total)
      : offset > 0
        ? Number(
            (await this.db.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM task_attachments WHERE task_id = $1`, [taskId]))[0].n,
          )
        : 0;
    return { items: rows.map(({ total: _t, ...r }) => r), total };
  }

  /** A task's attachment, or a decision's file (decision_attachments), by id: GET /api/attachments/:id serves both. */
  async attachment(id: string): Promise<AttachmentRow | null> {
    const [row] = await this.db.query(
      `SELECT ${ATTACHMENT_COLUMNS} FROM task_attachments a LEFT JOIN users u ON u.id = a.uploaded_by_user_id WHERE a.id = $1
       UNION ALL
       SELECT d.id, d.journey_id, NULL, 'file', d.file_name, NULL, d.storage_key, d.file_name, d.content_type, d.size_bytes, d.uploaded_by_user_id, u.name, d.created_at
         FROM decision_attachments d LEFT JOIN users u ON u.id = d.uploaded_by_user_id WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }
}
