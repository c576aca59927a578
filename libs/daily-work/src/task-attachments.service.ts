import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { characterCount, firstCharacters } from '@pathway/domain/bounds/bounds';
import type { Principal } from '@pathway/identity/principal';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { recordHistory } from '@pathway/journeys/history';
import { BadRequestError, NotFoundError } from '@pathway/platform/errors/domain-errors';
import { EvidenceRepository, type AttachmentRow } from './evidence.repository';
import { checkUpload, type UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { FileStorage } from '@pathway/platform/storage/file-storage';
import { loadTaskOfVisibleJourney } from './task-comments.service';

export const MAX_TITLE_LENGTH = 200;
export const MAX_URL_LENGTH = 2000;

/** Why a link is not acceptable (only http and https, at most MAX_URL_LENGTH characters), or null. */
export function linkProblem(url: unknown): string | null {
  if (typeof url !== 'string' || !url.trim()) return 'url must be a web address starting http:// or https://';
  if (characterCount(url) > MAX_URL_LENGTH) return `url must be at most ${MAX_URL_LENGTH} characters`;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? null : 'url must be a web address starting http:// or https://';
  } catch {
    return 'url must be a web address starting http:// or https://';
  }
}

function titleOf(title: unknown, fallback: string): string {
  if (title === undefined || title === null || (typeof title === 'string' && !title.trim()))
    return firstCharacters(fallback, MAX_TITLE_LENGTH);
  if (typeof title !== 'string') throw new BadRequestError(['title must be text']);
  if (characterCount(title.trim()) > MAX_TITLE_LENGTH) throw new BadRequestError([`title must be at most ${MAX_TITLE_LENGTH} characters`]);
  return title.trim();
}

/**
 * Evidence on tasks: links and files. A file is checked (size 413, type by its bytes 415) and the
 * journey's visibility (404) before anything is stored; it is written to the store, then recorded
 * with its history row in one transaction, and removed from the store if that transaction fails,
 * so a failed upload leaves nothing behind. Files are served only to those who can see the journey.
 */
@Injectable()
export class TaskAttachmentsService {
  private readonly logger = new Logger('TaskAttachments');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: EvidenceRepository,
    private readonly storage: FileStorage,
  ) {}

  async addLink(p: Principal, journeyId: string, taskId: string, input: { url?: unknown; title?: unknown }): Promise<AttachmentRow> {
    const problem = linkProblem(input.url);
    if (problem) throw new BadRequestError([problem]);
    const url = String(input.url).trim();
    const title = titleOf(input.title, url);
    return this.db.transaction(async (tx) => {
      const { task } = await loadTaskOfVisibleJourney(tx, p, journeyId, taskId);
      const row = await this.repo.insertAttachment(tx, {
        id: randomUUID(),
        journeyId,
        taskId,
        kind: 'link',
        title,
        url,
        uploadedByUserId: p.id,
      });
      await this.history(tx, p, journeyId, task, row);
      return row;
    });
  }

  async addFile(
    p: Principal,
    journeyId: string,
    taskId: string,
    file: UploadedFileInput | undefined,
    input: { title?: unknown },
  ): Promise<AttachmentRow> {
    await loadTaskOfVisibleJourney(this.db.manager, p, journeyId, taskId);
    const checked = await checkUpload(file, 'file is required (multipart/form-data), or send JSON { url, title } for a link');
    const { fileName, contentType } = checked;
    const title = titleOf(input.title, fileName);
    const key = randomUUID();
    await this.storage.put(key, checked.buffer, contentType);
    try {
      return await this.db.transaction(async (tx) => {
        const { task } = await loadTaskOfVisibleJourney(tx, p, journeyId, taskId);
        const row = await this.repo.insertAttachment(tx, {
          id: key,
          journeyId,
          taskId,
          kind: 'file',
          title,
          storageKey: key,
          fileName,
          contentType,
          sizeBytes: checked.sizeBytes,
          sha256: checked.sha256,
          uploadedByUserId: p.id,
        });
        await this.history(tx, p, journeyId, task, row);
        return row;
      });
    } catch (err) {
      await this.storage
        .delete(key)
        .catch((e: Error) => this.logger.error({ key, err: e.message }, 'could not remove the file of a failed upload'));
      throw err;
    }
  }

  /** A page of a task's files and links, oldest first (the same paging as its comments). */
  async list(
    p: Principal,
    journeyId: string,
    taskId: string,
    page: { limit?: number; offset?: number } = {},
  ): Promise<{ items: AttachmentRow[]; total: number }> {
    await loadTaskOfVisibleJourney(this.db.manager, p, journeyId, taskId);
    return this.repo.attachments(taskId, page.limit ?? 100, page.offset ?? 0);
  }

  /** A file's bytes for someone who can see its journey (404 for everyone else, and for links). */
  async download(p: Principal, id: string): Promise<{ row: AttachmentRow; stream: Readable }> {
    const row = await this.repo.attachment(id);
    if (!row || row.kind !== 'file' || !row.storageKey) throw new NotFoundError('Attachment');
    // The same rule as listing and commenting (the journey's parties, its assigned advisers, the central team).
    await loadVisibleJourney(this.db.manager, p, row.journeyId).catch((err: unknown) => {
      throw err instanceof NotFoundError ? new NotFoundError('Attachment') : err;
    });
    return { row, stream: await this.storage.get(row.storageKey) };
  }

  private async history(
    tx: import('typeorm').EntityManager,
    p: Principal,
    journeyId: string,
    task: { id: string; key: string; title: string },
    row: AttachmentRow,
  ): Promise<void> {
    await recordHistory(tx, {
      journeyId,
      actorUserId: p.id,
      type: 'task_attachment_added',
      data: {
        taskId: task.id,
        taskKey: task.key,
        title: task.title,
        attachmentId: row.id,
        kind: row.kind,
        attachmentTitle: row.title,
        ...(row.url ? { url: row.url } : {}),
        ...(row.contentType ? { contentType: row.contentType, sizeBytes: Number(row.sizeBytes) } : {}),
      },
    });
    await tx.query(`UPDATE journeys SET last_activity_at = now() WHERE id = $1`, [journeyId]);
  }
}
