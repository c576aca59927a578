import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkUpload, type CheckedUpload, type UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { FileStorage } from '@pathway/platform/storage/file-storage';

/** What a decision's history row (and its escalation) says about its file. */
export interface DecisionAttachmentRef {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** A checked file already in the store, waiting for its decision's transaction. */
export interface StagedDecisionFile {
  ref: DecisionAttachmentRef;
  sha256: string;
}

/**
 * A decision's attachment, through the store and checks of task evidence (size 413, type by its
 * bytes 415): checked and stored before the decision's transaction, recorded inside it, and
 * removed from the store when that transaction fails, so a refused decision leaves nothing behind.
 * Downloads go through GET /api/attachments/:id (and /files/:id), for parties of the journey only.
 */
@Injectable()
export class DecisionFiles {
  private readonly logger = new Logger('DecisionFiles');

  constructor(private readonly storage: FileStorage) {}

  async stage(file: UploadedFileInput): Promise<StagedDecisionFile> {
    const checked: CheckedUpload = await checkUpload(file, 'file is required');
    const id = randomUUID();
    await this.storage.put(id, checked.buffer, checked.contentType);
    return {
      ref: { id, fileName: checked.fileName, contentType: checked.contentType, sizeBytes: checked.sizeBytes },
      sha256: checked.sha256,
    };
  }

  /** Records the staged file with its decision, in the decision's transaction. */
  async record(
    tx: EntityManager,
    staged: StagedDecisionFile,
    on: { journeyId: string; decision: string; escalationId?: string; userId: string },
  ): Promise<void> {
    const { ref } = staged;
    await tx.query(
      `INSERT INTO decision_attachments (id, journey_id, escalation_id, decision, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by_user_id)
       VALUES ($1::uuid, $2, $3, $4, $1::text, $5, $6, $7, $8, $9)`,
      [ref.id, on.journeyId, on.escalationId ?? null, on.decision, ref.fileName, ref.contentType, ref.sizeBytes, staged.sha256, on.userId],
    );
  }

  /**
   * Runs the decision's transaction with the file staged (or none), removing the file from the
   * store if it throws. Work after the commit belongs outside `decide`.
   */
  async deciding<T>(file: UploadedFileInput | undefined, decide: (staged: StagedDecisionFile | null) => Promise<T>): Promise<T> {
    const staged = file ? await this.stage(file) : null;
    try {
      return await decide(staged);
    } catch (err) {
      if (staged) {
        await this.storage
          .delete(staged.ref.id)
          .catch((e: Error) =>
            this.logger.error({ key: staged.ref.id, err: e.message }, 'could not remove the file of a refused decision'),
          );
      }
      throw err;
    }
  }
}
