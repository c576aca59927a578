import { Injectable } from '@nestjs/common';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { PipelineService } from '@pathway/pipeline/pipeline.service';

/**
 * Whether a journey is at risk, by the pipeline's own rule (planned transfer within 90 days with
 * mandatory spinning-out tasks open, or an overdue statutory task) so the journey page and the
 * pipeline never disagree. Call it only for a journey the person may see: the pipeline's own scope
 * check (central team and department officers) is not applied here.
 */
@Injectable()
export class JourneyRiskService {
  constructor(private readonly pipeline: PipelineService) {}

  /** Plain-English reasons the journey is at risk; empty when it is not. */
  async reasonsFor(journey: Pick<JourneyEntity, 'id'>, now = new Date()): Promise<string[]> {
    const result = await this.pipeline.atRisk({ departmentId: null }, { journeyId: journey.id, limit: 1 }, now);
    return result.items[0]?.reasons.map((r) => r.description) ?? [];
  }
}
