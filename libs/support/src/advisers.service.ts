import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { PipelineScope } from '@pathway/pipeline/pipeline-scope';
import { recordHistory, touchJourney } from '@pathway/journeys/history';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { BadRequestError, ForbiddenError } from '@pathway/platform/errors/domain-errors';
import type { AdviserAssignmentDto } from './dto/support.dto';
import { SupportRepository, type AdviserActivityRow, type AdviserRow } from './support.repository';

const present = (r: AdviserRow): AdviserAssignmentDto => ({
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  assignedAt: new Date(r.assigned_at).toISOString(),
  assignedByUserId: r.assigned_by_user_id,
});

/**
 * Which support providers advise a journey. The central team sets the list; advisers of those
 * providers then see the journey (AccessPolicy `adviser` party). Every change is one history row
 * naming who was added and who removed, written with the change in one transaction.
 */
@Injectable()
export class AdvisersService {
  constructor(private readonly repo: SupportRepository) {}

  async list(p: Principal, journeyId: string): Promise<AdviserAssignmentDto[]> {
    await loadVisibleJourney(this.repo.manager, p, journeyId);
    return (await this.repo.advisers(this.repo.manager, journeyId)).map(present);
  }

  async set(p: Principal, journeyId: string, organisationIds: string[]): Promise<AdviserAssignmentDto[]> {
    const wanted = [...new Set(organisationIds)];
    return this.repo.transaction(async (tx) => {
      const journey = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      if (!AccessPolicy.canManageSupport(p)) throw new ForbiddenError('Only the central team can assign advisers to a journey');
      const orgs = await this.repo.organisations(tx, wanted);
      const problems = organisationIds
        .map((id, i) => {
          const org = orgs.get(id);
          if (!org) return `organisationIds[${i}] does not name an existing organisation`;
          return org.kind === 'support_provider'
            ? null
            : `organisationIds[${i}] must name an organisation of kind support_provider, not ${org.kind}`;
        })
        .filter((m): m is string => m !== null);
      if (problems.length) throw new BadRequestError(problems);
      const current = await this.repo.advisers(tx, journey.id);
      const currentIds = new Set(current.map((a) => a.organisation_id));
      const added = wanted.filter((id) => !currentIds.has(id));
      const removed = current.filter((a) => !wanted.includes(a.organisation_id));
      if (added.length || removed.length) {
        await this.repo.addAdvisers(tx, journey.id, added, p.id);
        await this.repo.removeAdvisers(
          tx,
          journey.id,
          removed.map((a) => a.organisation_id),
        );
        await touchJourney(tx, journey.id);
        await recordHistory(tx, {
          journeyId: journey.id,
          actorUserId: p.id,
          type: 'advisers_changed',
          data: {
            added: added.map((id) => ({ organisationId: id, name: orgs.get(id)!.name })),
            removed: removed.map((a) => ({ organisationId: a.organisation_id, name: a.organisation_name })),
          },
        });
      }
      return (await this.repo.advisers(tx, journey.id)).map(present);
    });
  }

  /** Advisers' recent activity on the journeys in scope (the pipeline's view): their comments and the assignments, newest first. */
  recentActivity(scope: PipelineScope, limit = 20): Promise<AdviserActivityRow[]> {
    return this.repo.adviserActivity(scope, limit);
  }
}
