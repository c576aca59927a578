import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { DurationsDto, DurationsQueryDto, StateDurationDto, TrendsDto, TrendsQueryDto } from './programme.dto';
import { ProgrammeService } from './programme.service';

const WHO = 'Central team: every journey; a department_officer: the journeys whose department is theirs; anyone else: 403.';

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiExtraModels(StateDurationDto)
@ApiForbiddenResponse({ description: 'Not the central team or a department officer' })
@ApiBadRequestResponse({
  description: 'A bad query parameter (interval other than month or quarter, from after to, a range of 10 years or more), naming the field',
})
@Controller('api/pipeline')
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @Get('trends')
  @ApiOperation({
    summary:
      'Per month or quarter: journeys started, expressions of interest submitted, accepted and declined, transfers completed, withdrawals (counted from the history, London dates)',
    description: WHO,
  })
  @ApiOkResponse({ type: TrendsDto })
  trends(@CurrentUser() me: Principal, @Query() q: TrendsQueryDto): Promise<TrendsDto> {
    return this.programme.trends(AccessPolicy.pipelineScope(me), q);
  }

  @Get('trends.csv')
  @ApiOperation({ summary: 'The trends as CSV: one row per period after a header row', description: WHO })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'text/csv; charset=utf-8, as an attachment named pathway-trends-YYYY-MM-DD.csv',
    schema: { type: 'string' },
  })
  async trendsCsv(@CurrentUser() me: Principal, @Query() q: TrendsQueryDto, @Res() res: Response): Promise<void> {
    const body = await this.programme.trendsCsv(AccessPolicy.pipelineScope(me), q);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="pathway-trends-${todayInLondon(new Date())}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  }

  @Get('durations')
  @ApiOperation({
    summary:
      'Time spent in each state, from the history: journeys, median and 90th percentile days per state (journeys still in a state count their time so far)',
    description: WHO,
  })
  @ApiOkResponse({ type: DurationsDto })
  durations(@CurrentUser() me: Principal, @Query() q: DurationsQueryDto): Promise<DurationsDto> {
    return this.programme.durations(AccessPolicy.pipelineScope(me), q);
  }
}
