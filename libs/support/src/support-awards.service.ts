import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { PHASES, SERVICE_AREAS, SUPPORT_AWARD_KINDS } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { recordHistory, touchJourney } from '@pathway/journeys/history';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import type { PipelineFilters } from '@pathway/pipeline/dto/pipeline-query.dto';
import type { PipelineScope } from '@pathway/pipeline/pipeline-scope';
import { neutraliseFormula } from '@pathway/pipeline/csv-safety';
import { BadRequestError, ForbiddenError } from '@pathway/platform/errors/domain-errors';
import type { CreateSupportAwardDto, SupportAwardDto, SupportAwardListDto, SupportTotalsDto } from './dto/support.dto';
import { SupportRepository, type AwardRow } from './support.repository';

/** Who may provide support: a support provider, or the central team paying a grant itself. */
const PROVIDER_KINDS = ['support_provider', 'cabinet_office'];

export const presentAward = (r: AwardRow): SupportAwardDto => ({
  id: r.id,
  journeyId: r.journey_id,
  providerOrganisationId: r.provider_organisation_id,
  providerOrganisationName: r.provider_organisation_name,
  kind: r.kind,
  amountGbp: Number(r.amount_gbp),
  matchedFundingGbp: Number(r.matched_funding_gbp),
  awardedOn: r.awarded_on,
  endsOn: r.ends_on,
  purpose: r.purpose,
  recordedByUserId: r.recorded_by_user_id,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

/** The CSV's columns, in order (the header row). */
export const SUPPORT_CSV_COLUMNS = [
  'awardId',
  'journeyId',
  'journeyName',
  'mutualOrganisationName',
  'phase',
  'state',
  'serviceArea',
  'region',
  'providerOrganisationName',
  'kind',
  'amountGbp',
  'matchedFundingGbp',
  'awardedOn',
  'endsOn',
  'purpose',
] as const;

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;

/** Support awards: recorded by the central team on a journey (with a history row), listed on it, totalled across the pipeline. */
@Injectable()
export class SupportAwardsService {
  constructor(private readonly repo: SupportRepository) {}

  async list(p: Principal, journeyId: string): Promise<SupportAwardListDto> {
    await loadVisibleJourney(this.repo.manager, p, journeyId);
    const items = (await this.repo.awards(this.repo.manager, journeyId)).map(presentAward);
    return {
      items,
      total: items.length,
      totalAwardedGbp: items.reduce((s, a) => s + a.amountGbp, 0),
      totalMatchedFundingGbp: items.reduce((s, a) => s + a.matchedFundingGbp, 0),
    };
  }

  async create(p: Principal, journeyId: string, dto: CreateSupportAwardDto): Promise<SupportAwardDto> {
    return this.repo.transaction(async (tx) => {
      const journey = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      if (!AccessPolicy.canManageSupport(p)) throw new ForbiddenError('Only the central team can record support awards');
      const problems: string[] = [];
      const provider = (await this.repo.organisations(tx, [dto.providerOrganisationId])).get(dto.providerOrganisationId);
      if (!provider) problems.push('providerOrganisationId does not name an existing organisation');
      else if (!PROVIDER_KINDS.includes(provider.kind))
        problems.push(
          `providerOrganisationId must name a support provider or the central team, not an organisation of kind ${provider.kind}`,
        );
      if (dto.endsOn && dto.endsOn < dto.awardedOn) problems.push('endsOn must not be before awardedOn');
      if (problems.length) throw new BadRequestError(problems);
      const id = await this.repo.insertAward(tx, {
        journeyId: journey.id,
        providerOrganisationId: dto.providerOrganisationId,
        kind: dto.kind,
        amountGbp: dto.amountGbp,
        matchedFundingGbp: dto.matchedFundingGbp ?? 0,
        awardedOn: dto.awardedOn,
        endsOn: dto.endsOn ?? null,
        purpose: dto.purpose,
        recordedByUserId: p.id,
      });
      await touchJourney(tx, journey.id);
      await recordHistory(tx, {
        journeyId: journey.id,
        actorUserId: p.id,
        type: 'support_awarded',
        data: {
          awardId: id,
          kind: dto.kind,
          amountGbp: dto.amountGbp,
          matchedFundingGbp: dto.matchedFundingGbp ?? 0,
          providerOrganisationId: dto.providerOrganisationId,
          providerName: provider!.name,
          purpose: dto.purpose,
        },
      });
      return presentAward((await this.repo.award(tx, id))!);
    });
  }

  /** The pipeline's support totals over the journeys in scope (withdrawn ones too: their support was still spent). */
  async totals(scope: PipelineScope, filters: PipelineFilters): Promise<SupportTotalsDto> {
    const rows = await this.repo.totals(scope, filters);
    const all = rows.find((r) => r.dim === 'all');
    const by = (dim: string, keys: readonly string[] = []) => {
      const out = zeros(keys);
      for (const r of rows.filter((x) => x.dim === dim)) out[String(r.key)] = Number(r.amount);
      return out;
    };
    const order = { phase: 0, serviceArea: 1, provider: 2, kind: 3 } as Record<string, number>;
    return {
      totalAwardedGbp: Number(all?.amount ?? 0),
      totalMatchedFundingGbp: Number(all?.matched ?? 0),
      awards: all?.awards ?? 0,
      journeys: all?.journeys ?? 0,
      byPhase: by('phase', PHASES),
      byServiceArea: by('serviceArea', SERVICE_AREAS),
      byProvider: by('provider'),
      byKind: by('kind', SUPPORT_AWARD_KINDS),
      breakdown: rows
        .filter((r) => r.dim !== 'all')
        .sort((a, b) => order[a.dim] - order[b.dim] || Number(b.amount) - Number(a.amount) || String(a.key).localeCompare(String(b.key)))
        .map((r) => ({
          dimension: r.dim,
          key: String(r.key),
          ...(r.name ? { name: r.name } : {}),
          awards: r.awards,
          journeys: r.journeys,
          amountGbp: Number(r.amount),
          matchedFundingGbp: Number(r.matched),
        })),
    };
  }

  /** Every award on the journeys in scope as CSV text (header row first, newest first; text cells formula-neutralised). The API and the pipeline page send the same. */
  async awardsCsv(scope: PipelineScope, filters: PipelineFilters): Promise<string> {
    const rows = await this.repo.exportRows(scope, filters);
    const records = rows.map((r) => ({
      awardId: r.id,
      journeyId: r.journey_id,
      journeyName: r.journey_name,
      mutualOrganisationName: r.mutual_organisation_name,
      phase: r.phase,
      state: r.state,
      serviceArea: r.service_area,
      region: r.region,
      providerOrganisationName: r.provider_organisation_name,
      kind: r.kind,
      amountGbp: Number(r.amount_gbp),
      matchedFundingGbp: Number(r.matched_funding_gbp),
      awardedOn: r.awarded_on,
      endsOn: r.ends_on,
      purpose: r.purpose,
    }));
    return stringify(records, { header: true, columns: [...SUPPORT_CSV_COLUMNS], cast: { string: neutraliseFormula } });
  }
}
