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
import { todayInLondon } from '@pathway/domain/calendar/london';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { PipelineFilterDto } from '@pathway/pipeline/dto/pipeline-query.dto';
import { SupportTotalsDto } from './dto/support.dto';
import { SupportAwardsService } from './support-awards.service';

const WHO = 'Central team: every journey; a department_officer: the journeys whose department is theirs; anyone else: 403.';

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Not the central team or a department officer' })
@ApiBadRequestResponse({ description: 'An unknown or invalid query parameter (NestJS error shape, naming each bad field)' })
@Controller('api/pipeline')
export class SupportPipelineController {
  constructor(private readonly awards: SupportAwardsService) {}

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
    sendCsv(res, `pathway-support-awards-${todayInLondon(new Date())}.csv`, await this.awards.awardsCsv(AccessPolicy.pipelineScope(me), q));
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
