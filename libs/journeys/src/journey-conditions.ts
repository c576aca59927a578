import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UnmetCondition } from '@pathway/domain/staff-voice/ballot';
import type { PathwayTemplate } from '@pathway/domain/template/types';
import type { JourneyEntity } from './entities/journey.entity';

export type { UnmetCondition };

/**
 * A condition an event needs that is not a checklist task (staff support before the business case
 * is submitted). Each source loads its facts and asks the domain whether the condition holds.
 */
export interface JourneyConditionSource {
  /** The events this source guards: the rest are never asked about. */
  readonly events: readonly string[];
  unmet(em: EntityManager, journey: JourneyEntity, eventType: string, template: PathwayTemplate): Promise<UnmetCondition[]>;
  /** The same for many journeys (a list) in a fixed number of statements: journey id -> unmet conditions. */
  unmetMany(
    em: EntityManager,
    journeys: readonly JourneyEntity[],
    eventType: string,
    templateOf: (j: JourneyEntity) => PathwayTemplate,
  ): Promise<Map<string, UnmetCondition[]>>;
}

/**
 * The conditions beside the blocking-tasks guard. Features register their sources at module init
 * (as listeners register on the JourneyChangeBus), so journeys depends on none of them; the events
 * endpoint and `allowedEvents`/`blockedEvents` both ask here, so they agree.
 */
@Injectable()
export class JourneyConditions {
  private readonly sources: JourneyConditionSource[] = [];

  register(source: JourneyConditionSource): void {
    this.sources.push(source);
  }

  guards(eventType: string): boolean {
    return this.sources.some((s) => s.events.includes(eventType));
  }

  async unmet(em: EntityManager, journey: JourneyEntity, eventType: string, template: PathwayTemplate): Promise<UnmetCondition[]> {
    const out: UnmetCondition[] = [];
    for (const s of this.sources) if (s.events.includes(eventType)) out.push(...(await s.unmet(em, journey, eventType, template)));
    return out;
  }

  /** `unmet` for many journeys at once (lists stay at a constant number of statements). */
  async unmetMany(
    em: EntityManager,
    journeys: readonly JourneyEntity[],
    eventType: string,
    templateOf: (j: JourneyEntity) => PathwayTemplate,
  ): Promise<Map<string, UnmetCondition[]>> {
    const out = new Map<string, UnmetCondition[]>(journeys.map((j) => [j.id, []]));
    if (!journeys.length) return out;
    for (const s of this.sources) {
      if (!s.events.includes(eventType)) continue;
      for (const [id, conditions] of await s.unmetMany(em, journeys, eventType, templateOf)) out.get(id)?.push(...conditions);
    }
    return out;
  }
}
