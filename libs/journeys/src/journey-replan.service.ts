import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { recomputeAvailability } from '@pathway/domain/tasks/availability';
import { replanDiff, sourceOf, type JourneyFit } from '@pathway/domain/template/pathway-fit';
import type { PathwayTemplate, TemplateTask } from '@pathway/domain/template/types';
import { DONE_TASK_STATUSES, type TaskStatus } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { ConflictError, ForbiddenError } from '@pathway/platform/errors/domain-errors';
import { CentralOrganisation } from './central-organisation';
import { JourneyEntity } from './entities/journey.entity';
import { JourneyTaskEntity } from './entities/journey-task.entity';
import { recordHistory, touchJourney } from './history';
import { JourneyChangeBus } from './journey-change.bus';
import { loadVisibleJourney } from './journey-access';
import { insertTemplateTasks, journeyFitFor, recomputeDueDates } from './journeys.service';
import { PathwayTemplatesService } from './pathway-templates.service';

/** Why a task a re-plan drops is marked not applicable (and how a later re-plan knows it may bring it back). */
export const REPLAN_REASON_PREFIX = 'Not in the re-planned checklist';

export interface ReplanTaskView {
  key: string;
  title: string;
  phase: string;
  workstream: string;
  ownerParty: string;
  mandatory: boolean;
  statutory: boolean;
  /** For removed tasks: the status the task has now (completed tasks stay completed). */
  status?: string;
}

export interface ReplanPreview {
  journeyId: string;
  journeyVersion: number;
  from: { templateVersion: number; nation: string; parentBodyType: string | null };
  to: { templateVersion: number; nation: string; parentBodyType: string | null; staffCount: number };
  added: ReplanTaskView[];
  removed: ReplanTaskView[];
  /** Tasks kept, whose text, source, deadline rule or flags follow the new plan. */
  kept: number;
  upToDate: boolean;
}

const view = (
  t: Pick<TemplateTask, 'key' | 'title' | 'phase' | 'workstream' | 'ownerParty' | 'mandatory' | 'statutory'>,
  status?: string,
): ReplanTaskView => ({
  key: t.key,
  title: t.title,
  phase: t.phase,
  workstream: t.workstream,
  ownerParty: t.ownerParty,
  mandatory: t.mandatory,
  statutory: t.statutory ?? false,
  ...(status ? { status } : {}),
});

interface Plan {
  journey: JourneyEntity;
  target: PathwayTemplate;
  fit: JourneyFit;
  tasks: JourneyTaskEntity[];
  added: TemplateTask[];
  removed: JourneyTaskEntity[];
  kept: TemplateTask[];
}

/**
 * The central team's re-plan of a journey's checklist: onto the current (or a chosen) template
 * version and the fit its organisations have now (the mutual's nation, the parent body's type,
 * the staff count). Preview first; confirming applies exactly what the preview showed, or 409 if
 * the journey changed in between. Nothing else re-plans a live journey.
 */
@Injectable()
export class JourneyReplanService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly templates: PathwayTemplatesService,
    private readonly central: CentralOrganisation,
    private readonly bus: JourneyChangeBus,
  ) {}

  async preview(p: Principal, id: string, templateVersion?: number): Promise<ReplanPreview> {
    const plan = await this.plan(this.db.manager, p, id, templateVersion, false);
    return this.present(plan);
  }

  async confirm(p: Principal, id: string, input: { expectedVersion: number; templateVersion?: number }): Promise<ReplanPreview> {
    const result = await this.db.transaction(async (tx) => {
      const plan = await this.plan(tx, p, id, input.templateVersion, true);
      const j = plan.journey;
      if (j.version !== input.expectedVersion) {
        throw new ConflictError(
          `The journey has changed since the preview (version ${j.version}, not ${input.expectedVersion}): preview the re-plan again`,
        );
      }
      const before = { templateVersion: j.templateVersion, nation: j.nation, parentBodyType: j.parentBodyType };
      const summary = this.present(plan);
      j.templateVersion = plan.target.version;
      j.nation = plan.fit.nation;
      j.parentBodyType = plan.fit.bodyType;
      await tx.query(`UPDATE journeys SET template_version = $2, nation = $3, parent_body_type = $4 WHERE id = $1`, [
        j.id,
        j.templateVersion,
        j.nation,
        j.parentBodyType,
      ]);

      const changed = new Set<string>();
      const byKey = new Map(plan.tasks.map((t) => [t.key, t]));
      // Dropped tasks: open ones become not applicable with the reason; completed ones stay completed.
      const reason = `${REPLAN_REASON_PREFIX} (template v${plan.target.version}, ${plan.fit.nation}, ${plan.fit.bodyType ?? 'body type not stated'}, ${plan.fit.staffCount} staff)`;
      for (const t of plan.removed) {
        if (DONE_TASK_STATUSES.includes(t.status)) continue;
        await tx.query(`UPDATE journey_tasks SET status = 'not_applicable', not_applicable_reason = $2, updated_at = now() WHERE id = $1`, [
          t.id,
          reason,
        ]);
        changed.add(t.id);
      }
      // Kept tasks, and tasks an earlier re-plan dropped that now come back, take the new plan's content.
      const centralId = await this.central.id();
      const fresh: TemplateTask[] = [];
      for (const t of [...plan.kept, ...plan.added]) {
        const row = byKey.get(t.key);
        if (!row) {
          fresh.push(t);
          continue;
        }
        const s = sourceOf(t);
        const reopen = row.status === 'not_applicable' && (row.notApplicableReason ?? '').startsWith(REPLAN_REASON_PREFIX);
        await tx.query(
          `UPDATE journey_tasks SET title = $2, guidance = $3, source = $4, source_url = $5, mandatory = $6, statutory = $7, gate_state = $8,
                  depends_on = $9, status = CASE WHEN $10 THEN 'not_started' ELSE status END,
                  not_applicable_reason = CASE WHEN $10 THEN NULL ELSE not_applicable_reason END, updated_at = now()
            WHERE id = $1`,
          [row.id, t.title, t.guidance, s.citation, s.url, t.mandatory, t.statutory ?? false, t.gateState, t.dependsOn, reopen],
        );
        changed.add(row.id);
      }
      for (const id of await insertTemplateTasks(tx, j, fresh, centralId)) changed.add(id);
      for (const id of await recomputeDueDates(tx, j, plan.target)) changed.add(id);
      await this.recomputeStatuses(tx, j.id, changed);

      j.version = await touchJourney(tx, j.id);
      await recordHistory(tx, {
        journeyId: j.id,
        actorUserId: p.id,
        type: 'checklist_replanned',
        data: {
          from: before,
          to: { templateVersion: j.templateVersion, nation: j.nation, parentBodyType: j.parentBodyType, staffCount: plan.fit.staffCount },
          added: summary.added.map((t) => t.key),
          removed: summary.removed.map((t) => t.key),
        },
      });
      const change = { journey: j, actorUserId: p.id, kind: 'details_changed' as const, taskIds: [...changed] };
      await this.bus.inTransaction(tx, change);
      return { summary, change };
    });
    await this.bus.afterCommit(result.change);
    return result.summary;
  }

  private async plan(em: EntityManager, p: Principal, id: string, templateVersion: number | undefined, lock: boolean): Promise<Plan> {
    const journey = await loadVisibleJourney(em, p, id, { lock });
    if (!AccessPolicy.isCentral(p)) throw new ForbiddenError('Only the central team can re-plan a journey’s checklist');
    if (journey.state === 'withdrawn') throw new ConflictError('The journey has been withdrawn: its checklist is closed');
    const target = templateVersion === undefined ? await this.templates.current() : await this.templates.version(templateVersion);
    const source = await this.templates.version(journey.templateVersion);
    const fit = await journeyFitFor(em, journey.mutualOrganisationId, journey.parentBodyId, journey.staffCount);
    const tasks = await em.getRepository(JourneyTaskEntity).findBy({ journeyId: journey.id });
    // Only template tasks take part: keys of either version (custom tasks are never touched). A task an
    // earlier re-plan dropped counts as absent, so it can come back.
    const templateKeys = new Set([...source.tasks, ...target.tasks].map((t) => t.key));
    const live = tasks.filter(
      (t) => templateKeys.has(t.key) && !(t.status === 'not_applicable' && (t.notApplicableReason ?? '').startsWith(REPLAN_REASON_PREFIX)),
    );
    const diff = replanDiff(
      target,
      fit,
      live.map((t) => t.key),
      Object.keys(journey.eventDates ?? {}),
    );
    const removedKeys = new Set(diff.removed);
    return { journey, target, fit, tasks, added: diff.added, removed: live.filter((t) => removedKeys.has(t.key)), kept: diff.kept };
  }

  private present(plan: Plan): ReplanPreview {
    const j = plan.journey;
    const sameFit = j.templateVersion === plan.target.version && j.nation === plan.fit.nation && j.parentBodyType === plan.fit.bodyType;
    return {
      journeyId: j.id,
      journeyVersion: j.version,
      from: { templateVersion: j.templateVersion, nation: j.nation, parentBodyType: j.parentBodyType },
      to: {
        templateVersion: plan.target.version,
        nation: plan.fit.nation,
        parentBodyType: plan.fit.bodyType,
        staffCount: plan.fit.staffCount,
      },
      added: plan.added.map((t) => view(t)),
      removed: plan.removed.map((t) => view(t, t.status)),
      kept: plan.kept.length,
      upToDate: sameFit && plan.added.length === 0 && plan.removed.length === 0,
    };
  }

  private async recomputeStatuses(tx: EntityManager, journeyId: string, changed: Set<string>): Promise<void> {
    const all = await tx.getRepository(JourneyTaskEntity).findBy({ journeyId });
    const next = recomputeAvailability(all);
    for (const { key, status } of next) {
      const row = all.find((t) => t.key === key);
      if (row && row.status !== status) {
        await tx.query(`UPDATE journey_tasks SET status = $2, updated_at = now() WHERE id = $1`, [row.id, status as TaskStatus]);
        changed.add(row.id);
      }
    }
  }
}
