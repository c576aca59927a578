import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { CreateTaskDto, TaskDto, TaskListDto, UpdateTaskDto } from './dto/task.dto';
import { JourneyTasksService } from './journey-tasks.service';
import { presentTask } from './presenters';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/journeys/:journeyId/tasks')
export class TasksController {
  constructor(private readonly tasks: JourneyTasksService) {}

  @Get()
  @ApiOperation({ summary: 'The journey’s checklist, by phase and workstream' })
  @ApiOkResponse({ type: TaskListDto })
  async list(@CurrentUser() me: Principal, @UuidParam('journeyId') journeyId: string): Promise<TaskListDto> {
    const now = new Date();
    const tasks = await this.tasks.list(me, journeyId);
    return { items: tasks.map((t) => presentTask(t, now)), total: tasks.length };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add a task of the journey’s own (custom: true): the mutual lead for mutual tasks, the central team for any party',
  })
  @ApiCreatedResponse({ type: TaskDto })
  async create(@CurrentUser() me: Principal, @UuidParam('journeyId') journeyId: string, @Body() body: CreateTaskDto): Promise<TaskDto> {
    return presentTask(await this.tasks.create(me, journeyId, body));
  }

  @Get(':taskId')
  @ApiOkResponse({ type: TaskDto })
  async get(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @UuidParam('taskId') taskId: string,
  ): Promise<TaskDto> {
    return presentTask(await this.tasks.get(me, journeyId, taskId));
  }

  @Patch(':taskId')
  @ApiOperation({
    summary:
      'Update status, deadline or assignee (users of the owner organisation; the mutual lead for mutual tasks). Completing a task whose dependencies are open: 409',
  })
  @ApiOkResponse({ type: TaskDto })
  @ApiConflictResponse()
  @ApiForbiddenResponse({ description: 'Not a user of the task’s owner organisation' })
  @ApiBadRequestResponse({ description: 'Invalid body; or the central team overrides a duty rule without overrideReason' })
  @ApiUnprocessableEntityResponse({
    description:
      'A duty rule forbids the change (no party weakens its own duty): { statusCode: 422, message, code, field, rules: [{ code, message }] }',
  })
  async update(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @UuidParam('taskId') taskId: string,
    @Body() body: UpdateTaskDto,
  ): Promise<TaskDto> {
    return presentTask(await this.tasks.update(me, journeyId, taskId, body));
  }
}
