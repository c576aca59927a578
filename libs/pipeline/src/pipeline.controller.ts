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
import type { Response } from 'express';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import {
  AtRiskQueryDto,
  EscalationsQueryDto,
  PipelineCsvQueryDto,
  PipelineFilterDto,
  PipelineJourneysQueryDto,
  StalledQueryDto,
} from './dto/pipeline-query.dto';
import {
  AtRiskListDto,
  PipelineEscalationListDto,
  PipelineJourneyListDto,
  PipelineSummaryDto,
  StalledListDto,
} from './dto/pipeline-response.dto';
import { csvFileName, PipelineCsvService } from './pipeline-csv.service';
import { PipelineService } from './pipeline.service';

const WHO =
  'Central team (cabinet_office_staff, cabinet_office_admin): every journey; a department_officer: the journeys whose department is theirs; anyone else: 403.';

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Not the central team or a department officer' })
@ApiBadRequestResponse({ description: 'An unknown or invalid query parameter (NestJS error shape, naming each bad field)' })
@Controller('api/pipeline')
export class PipelineController {
  constructor(
    private readonly pipeline: PipelineService,
    private readonly csv: PipelineCsvService,
  ) {}

  @Get('summary')
  @ApiOperation({
    summary:
      'Counts over active journeys (all but withdrawn): per phase, state, service area and region; overdue tasks, open escalations, staff still to transfer',
    description: WHO,
  })
  @ApiOkResponse({ type: PipelineSummaryDto })
  summary(@CurrentUser() me: Principal, @Query() q: PipelineFilterDto): Promise<PipelineSummaryDto> {
    return this.pipeline.summary(AccessPolicy.pipelineScope(me), q);
  }

  @Get('journeys')
  @ApiOperation({
    summary:
      'Journeys with their open and overdue task counts, open escalations, days in their state and whether they are at risk; soonest planned transfer first unless sort/order say otherwise (withdrawn included unless filtered by state)',
    description: WHO,
  })
  @ApiOkResponse({ type: PipelineJourneyListDto })
  journeys(@CurrentUser() me: Principal, @Query() q: PipelineJourneysQueryDto): Promise<PipelineJourneyListDto> {
    return this.pipeline.journeys(AccessPolicy.pipelineScope(me), q);
  }

  @Get('journeys.csv')
  @ApiOperation({
    summary:
      'Every journey as CSV, one row per journey after a header row (streamed); cells starting with = + - @ are prefixed with a single quote',
    description: WHO,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'text/csv; charset=utf-8, as an attachment named pathway-journeys-YYYY-MM-DD.csv',
    schema: { type: 'string' },
  })
  async journeysCsv(@CurrentUser() me: Principal, @Query() q: PipelineCsvQueryDto, @Res() res: Response): Promise<void> {
    const scope = AccessPolicy.pipelineScope(me);
    const now = new Date();
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${csvFileName(now)}"`);
    res.setHeader('Cache-Control', 'no-store');
    await this.csv.stream(scope, q, res, now);
  }

  @Get('at-risk')
  @ApiOperation({
    summary:
      'Journeys at risk: planned transfer within 90 days with mandatory spinning-out tasks open, an overdue statutory task, or a lost contract nothing replaces; each with its reasons; soonest planned transfer first unless sort/order say otherwise',
    description: WHO,
  })
  @ApiOkResponse({ type: AtRiskListDto })
  atRisk(@CurrentUser() me: Principal, @Query() q: AtRiskQueryDto): Promise<AtRiskListDto> {
    return this.pipeline.atRisk(AccessPolicy.pipelineScope(me), q);
  }

  @Get('stalled')
  @ApiOperation({
    summary:
      'Active journeys with no event or task change for `days` (default STALLED_AFTER_DAYS), longest idle first unless sort/order say otherwise',
    description: WHO,
  })
  @ApiOkResponse({ type: StalledListDto })
  stalled(@CurrentUser() me: Principal, @Query() q: StalledQueryDto): Promise<StalledListDto> {
    return this.pipeline.stalled(AccessPolicy.pipelineScope(me), q);
  }

  @Get('escalations')
  @ApiOperation({
    summary: 'Open escalations on active journeys, oldest first unless sort/order say otherwise, with their age in days',
    description: WHO,
  })
  @ApiOkResponse({ type: PipelineEscalationListDto })
  escalations(@CurrentUser() me: Principal, @Query() q: EscalationsQueryDto): Promise<PipelineEscalationListDto> {
    return this.pipeline.escalations(AccessPolicy.pipelineScope(me), q);
  }
}
