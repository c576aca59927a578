import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyTaskEntity } from '@pathway/journeys/entities/journey-task.entity';
import { presentTask } from '@pathway/journeys/presenters';
import type { WorkQueueDto, WorkQueueQueryDto } from './work-queue.dto';
import { WorkQueueRepository } from './work-queue.repository';

/** A person's work queue across journeys (GET /api/me/tasks and the /tasks page). */
@Injectable()
export class WorkQueueService {
  constructor(private readonly repo: WorkQueueRepository) {}

  async forPrincipal(p: Principal, q: WorkQueueQueryDto, now = new Date()): Promise<WorkQueueDto> {
    const page = await this.repo.page({
      userId: p.id,
      organisationId: p.organisationId,
      central: AccessPolicy.isCentral(p),
      due: q.due,
      assignedToMe: q.assignedTo === 'me',
      journeyId: q.journeyId,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
      now,
    });
    return {
      items: page.rows.map((r) => ({
        ...presentTask(r as unknown as JourneyTaskEntity, now),
        journeyId: r.journeyId,
        journeyName: r.journeyName,
        due: r.bucket,
        assigneeName: r.assigneeName,
      })),
      total: page.total,
      counts: page.counts,
    };
  }
}
