import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { ConfirmReplanDto, ReplanPreviewDto, ReplanQueryDto } from './dto/replan.dto';
import { JourneyReplanService } from './journey-replan.service';

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('api/journeys')
export class ReplanController {
  constructor(private readonly replan: JourneyReplanService) {}

  @Get(':id/replan')
  @ApiOperation({
    summary: 'Preview re-planning the checklist onto a template version and the organisations’ current nation and body type (central team)',
    description: 'Lists the tasks that would be added and removed. Nothing changes until POST confirms.',
  })
  @ApiOkResponse({ type: ReplanPreviewDto })
  @ApiForbiddenResponse({ description: 'Not the central team' })
  preview(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() q: ReplanQueryDto): Promise<ReplanPreviewDto> {
    return this.replan.preview(me, id, q.templateVersion);
  }

  @Post(':id/replan')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirm the previewed re-plan (central team): adds the new tasks, marks dropped open tasks not applicable with the reason, recorded in the history',
  })
  @ApiOkResponse({ type: ReplanPreviewDto })
  @ApiConflictResponse({ description: 'The journey changed since the preview (expectedVersion), or it is withdrawn' })
  confirm(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: ConfirmReplanDto): Promise<ReplanPreviewDto> {
    return this.replan.confirm(me, id, body);
  }
}
