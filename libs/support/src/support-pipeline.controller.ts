import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { todayInLondon } from '../../domain/src/calendar/london';
import { AccessPolicy } from '../../identity/src/access-policy';
import { CurrentUser } from '../../identity/src/auth.decorators';
import type { Principal } from '../../identity/src/principal';
import { neutraliseFormula } from '../../pipeline/src/csv-safety';
import { PipelineFilterDto } from '../../pipeline/src/dto/pipeline-query.dto';
import { SupportTotalsDto } from './dto/support.dto';
import { SupportAwardsService } from './support-awards.service';
import { SupportRepository } from './support.repository';

const WHO = 'Central team: every journey; a department_officer: the journeys whose department is theirs; anyone else: 403.';

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

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Not the central team or a department officer' })
@ApiBadRequestResponse({ description: 'An unknown or invalid query parameter (NestJS error shape, naming each bad field)' })
@Controller('api/pipeline')
export class SupportPipelineController {
  constructor(
    private readonly awards: SupportAwardsService,
    private readonly repo: SupportRepository,
  ) {}

  @Get('support')
  @ApiOperation({
    summary: 'Support awarded across the journeys in scope: total, by current phase, service area, provider and kind (GBP)',
    description: WHO,
  })
  @ApiOkResponse({ type: SupportTotalsDto })
  support(@CurrentUser() me: Principal, @Query() q: PipelineFilterDto): Promise<SupportTotalsDto> {
    return this.awards.totals(AccessPolicy.pipelineScope(me), q);
  }

  @Get('support-awards.csv')
  @ApiOperation({ summary: 'Every support award on the journeys in scope as CSV, newest first, header row first', description: WHO })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'text/csv; charset=utf-8, as an attachment named pathway-support-awards-YYYY-MM-DD.csv',
    schema: { type: 'string' },
  })
  async supportCsv(@CurrentUser() me: Principal, @Query() q: PipelineFilterDto, @Res() res: Response): Promise<void> {
    const rows = await this.repo.exportRows(AccessPolicy.pipelineScope(me), q);
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
    sendCsv(
      res,
      `pathway-support-awards-${todayInLondon(new Date())}.csv`,
      stringify(records, { header: true, columns: [...SUPPORT_CSV_COLUMNS], cast: { string: neutraliseFormula } }),
    );
  }
}

/** A small CSV response (built in memory): text/csv, an attachment, not cached. */
export function sendCsv(res: Response, fileName: string, body: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}
