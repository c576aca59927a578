import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { PipelineFilterDto } from '@pathway/pipeline/dto/pipeline-query.dto';
import { PipelineResultsService } from './pipeline-results.service';
import {
  JourneyResultsDto,
  MeasureComparisonDto,
  MeasureMediansDto,
  PipelineResultsDto,
  PutResultsDto,
  ServiceAreaResultsDto,
} from './results.dto';
import { presentResults } from './results.presenter';
import { ResultsService } from './results.service';

@ApiTags('results')
@ApiBearerAuth()
@ApiExtraModels(MeasureComparisonDto, MeasureMediansDto, ServiceAreaResultsDto)
@Controller('api/journeys/:journeyId/results')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Put(':period')
  @ApiOperation({
    summary:
      'Record the figures for a period, replacing any before: baseline (the last in-house year; parent body or mutual lead) or a financial year YYYY-YY (mutual lead, from the year the transfer completed to the current one)',
  })
  @ApiParam({ name: 'period', example: '2027-28' })
  @ApiOkResponse({ type: JourneyResultsDto })
  @ApiForbiddenResponse()
  @ApiUnprocessableEntityResponse({
    description: '{ code: not_transferred | year_before_transfer | year_in_future, field: "period", message }',
  })
  async put(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @Param('period') period: string,
    @Body() body: PutResultsDto,
  ): Promise<JourneyResultsDto> {
    return presentResults(await this.results.put(me, journeyId, period, body));
  }

  @Get()
  @ApiOperation({ summary: 'Baseline and yearly figures, and each measure’s baseline, latest and change' })
  @ApiOkResponse({ type: JourneyResultsDto })
  async get(@CurrentUser() me: Principal, @UuidParam('journeyId') journeyId: string): Promise<JourneyResultsDto> {
    return presentResults(await this.results.get(me, journeyId));
  }
}

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Not the central team or a department officer' })
@Controller('api/pipeline')
export class PipelineResultsController {
  constructor(private readonly results: PipelineResultsService) {}

  @Get('results')
  @ApiOperation({
    summary:
      'The state of the sector: medians of baseline, latest and change per measure, overall and by service area, over active journeys with a baseline and at least one year',
  })
  @ApiOkResponse({ type: PipelineResultsDto })
  get(@CurrentUser() me: Principal, @Query() q: PipelineFilterDto): Promise<PipelineResultsDto> {
    return this.results.results(AccessPolicy.pipelineScope(me), q);
  }
}
