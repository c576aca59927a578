import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { WorkQueueDto, WorkQueueQueryDto } from './work-queue.dto';
import { WorkQueueService } from './work-queue.service';

@ApiTags('daily work')
@ApiBearerAuth()
@Controller('api/me')
export class WorkQueueController {
  constructor(private readonly queue: WorkQueueService) {}

  @Get('tasks')
  @ApiOperation({
    summary: 'My work queue: open tasks across my journeys that my organisation owns or that are assigned to me, overdue first',
  })
  @ApiOkResponse({ type: WorkQueueDto })
  async tasks(@CurrentUser() me: Principal, @Query() query: WorkQueueQueryDto): Promise<WorkQueueDto> {
    return this.queue.forPrincipal(me, query);
  }
}
