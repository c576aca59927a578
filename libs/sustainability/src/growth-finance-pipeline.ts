import { Controller, Get, Injectable, Module, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@pathway/database/query-rows';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { PipelineFilterDto } from '@pathway/pipeline/dto/pipeline-query.dto';
import { journeyConditions, type PipelineScope } from '@pathway/pipeline/pipeline-scope';
import { SqlParams } from '@pathway/database/journey-sql';
import type { PipelineFilters } from '@pathway/pipeline/dto/pipeline-query.dto';
import { GROWTH_FINANCE_KINDS, GrowthFinanceTotalsDto, type GrowthFinanceAmountsDto } from './sustainability.dto';

const zero = (): GrowthFinanceAmountsDto => ({ count: 0, soughtGbp: 0, securedGbp: 0, declinedGbp: 0 });

/** Growth finance across the journeys in a pipeline scope, by kind (one set-based query). */
@Injectable()
export class GrowthFinanceTotalsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async totals(scope: PipelineScope, filters: PipelineFilters): Promise<GrowthFinanceTotalsDto> {
    const params = new SqlParams();
    const where = journeyConditions(scope, filters, params, { activeOnly: true });
    const rows = queryRows<{ kind: string; count: number; sought: string; secured: string; declined: string; journeys: number }>(
      await this.db.query(
        `SELECT g.kind, count(*)::int AS count, sum(g.amount_gbp) AS sought,
                COALESCE(sum(g.amount_gbp) FILTER (WHERE g.status = 'secured'), 0) AS secured,
                COALESCE(sum(g.amount_gbp) FILTER (WHERE g.status = 'declined'), 0) AS declined,
                count(DISTINCT g.journey_id)::int AS journeys
           FROM growth_finance g JOIN journeys j ON j.id = g.journey_id
          WHERE ${where}
          GROUP BY ROLLUP (g.kind)`,
        params.values,
      ),
    );
    const byKind = Object.fromEntries(GROWTH_FINANCE_KINDS.map((k) => [k, zero()])) as unknown as GrowthFinanceTotalsDto['byKind'];
    let all = zero();
    let journeys = 0;
    for (const r of rows) {
      const a = { count: r.count, soughtGbp: Number(r.sought), securedGbp: Number(r.secured), declinedGbp: Number(r.declined) };
      if (r.kind === null) {
        all = a;
        journeys = r.journeys;
      } else byKind[r.kind as keyof GrowthFinanceTotalsDto['byKind']] = a;
    }
    return { all, byKind, journeys };
  }
}

@ApiTags('pipeline')
@ApiBearerAuth()
@Controller('api/pipeline')
export class GrowthFinancePipelineController {
  constructor(private readonly totals: GrowthFinanceTotalsService) {}

  @Get('growth-finance')
  @ApiOperation({
    summary: 'Growth finance sought, secured and declined across the journeys in scope, by kind (whole pounds)',
    description: 'Central team: every journey; a department_officer: the journeys whose department is theirs; anyone else: 403.',
  })
  @ApiOkResponse({ type: GrowthFinanceTotalsDto })
  @ApiForbiddenResponse({ description: 'Not the central team or a department officer' })
  @ApiBadRequestResponse({ description: 'An unknown or invalid query parameter' })
  get(@CurrentUser() me: Principal, @Query() q: PipelineFilterDto): Promise<GrowthFinanceTotalsDto> {
    return this.totals.totals(AccessPolicy.pipelineScope(me), q);
  }
}

/** The programme view of growth finance: API process only (a pipeline read model). */
@Module({ controllers: [GrowthFinancePipelineController], providers: [GrowthFinanceTotalsService], exports: [GrowthFinanceTotalsService] })
export class GrowthFinancePipelineModule {}
