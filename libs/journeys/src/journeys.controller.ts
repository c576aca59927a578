import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { UPLOAD_OPTIONS, type UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { MultipartIntegers } from '@pathway/platform/storage/multipart-fields.interceptor';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import {
  CreateJourneyDto,
  HistoryListDto,
  HistoryQueryDto,
  JourneyDto,
  JourneyEventDto,
  JourneyListDto,
  JourneyQueryDto,
  ReminderPolicyDto,
  UpdateJourneyDto,
} from './dto/journey.dto';
import { JourneyEventsService } from './journey-events.service';
import { JourneysService } from './journeys.service';
import { presentHistory, presentJourney } from './presenters';

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('api/journeys')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly events: JourneyEventsService,
  ) {}

  private async present(me: Principal, id: string): Promise<JourneyDto> {
    const { journey, view } = await this.journeys.get(me, id);
    return presentJourney(journey, view);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Start a journey (central team, or a mutual lead for their own organisation); its checklist comes from the current pathway template',
  })
  @ApiCreatedResponse({ type: JourneyDto })
  @ApiForbiddenResponse()
  async create(@CurrentUser() me: Principal, @Body() body: CreateJourneyDto): Promise<JourneyDto> {
    const journey = await this.journeys.create(me, body);
    return this.present(me, journey.id);
  }

  @Get()
  @ApiOperation({ summary: 'The journeys the caller may see' })
  @ApiOkResponse({ type: JourneyListDto })
  async list(@CurrentUser() me: Principal, @Query() query: JourneyQueryDto): Promise<JourneyListDto> {
    const { items, total } = await this.journeys.list(me, query);
    const views = await this.journeys.viewsFor(me, items);
    const presented = items.map((j, i) => presentJourney(j, views[i]));
    return { items: presented, total };
  }

  @Get(':id')
  @ApiOkResponse({ type: JourneyDto })
  @ApiNotFoundResponse({ description: 'No such journey, or the caller may not see it' })
  get(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<JourneyDto> {
    return this.present(me, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change details (mutual lead or central team). A new plannedTransferDate recomputes every due date not set by hand. ' +
      'Parties (parentBodyId, commissionerId, departmentId, arbiterId) only by the central team with a reason, each change one party_changed history row',
  })
  @ApiOkResponse({ type: JourneyDto })
  @ApiBadRequestResponse({ description: 'Invalid body, or a party change without reason' })
  @ApiForbiddenResponse({ description: 'Not the mutual lead or central team; or a party change by anyone but the central team' })
  @ApiConflictResponse({
    description: 'Stale expectedVersion, or an open escalation sits at or can reach the level whose organisation would change',
  })
  async update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: UpdateJourneyDto): Promise<JourneyDto> {
    await this.journeys.update(me, id, body);
    return this.present(me, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Fire an event: 403 wrong party, 409 not allowed in this state or stale expectedVersion, 422 with blockingTasks when mandatory tasks are open',
  })
  @ApiOkResponse({ type: JourneyDto })
  @ApiConflictResponse()
  @ApiUnprocessableEntityResponse({
    description: '{ statusCode: 422, message, blockingTasks: [{ id, key, title, workstream, ownerParty, ownerOrganisationId, status }] }',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiPayloadTooLargeResponse({ description: 'A decision’s file over 20 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'A decision’s file whose contents are not an allowed document or image type' })
  @UseInterceptors(FileInterceptor('file', UPLOAD_OPTIONS), MultipartIntegers)
  async fire(
    @CurrentUser() me: Principal,
    @UuidParam('id') id: string,
    @Body() body: JourneyEventDto,
    @UploadedFile() file: UploadedFileInput | undefined,
  ): Promise<JourneyDto> {
    // The event's own reading of the checklist serves the view too, when it has one.
    const { journey, gateTasks } = await this.events.fireForView(me, id, body, file);
    return presentJourney(journey, await this.journeys.viewFor(me, journey, gateTasks));
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      'A page of history (every event, task change and escalation; append-only), oldest first within the page. ' +
      'Without a cursor the newest `limit` entries (default 100, at most 500); `before=olderCursor` pages back, `after=newerCursor` forward',
  })
  @ApiOkResponse({ type: HistoryListDto })
  async history(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Query() q: HistoryQueryDto): Promise<HistoryListDto> {
    const page = await this.journeys.historyPage(me, id, q);
    const base = `/api/journeys/${id}/history`;
    const limit = q.limit !== undefined ? `limit=${page.limit}` : '';
    const link = (cursor: string) => `${base}?${[limit, cursor].filter(Boolean).join('&')}`;
    return {
      items: page.items.map((h) => presentHistory(h, me)),
      total: page.total,
      limit: page.limit,
      olderCursor: page.olderCursor,
      newerCursor: page.newerCursor,
      links: {
        newest: limit ? `${base}?${limit}` : base,
        older: page.olderCursor ? link(`before=${page.olderCursor}`) : null,
        newer: page.newerCursor ? link(`after=${page.newerCursor}`) : null,
      },
    };
  }

  @Put(':id/reminder-policy')
  @ApiOperation({
    summary:
      'Reminders before each deadline and escalation after it (mutual lead or central team). escalateAfter longer than the pathway default: central team only, with overrideReason',
  })
  @ApiOkResponse({ type: ReminderPolicyDto })
  @ApiUnprocessableEntityResponse({ description: 'escalate_after_beyond_default: { code, field, rules: [{ code, message }] }' })
  async setReminderPolicy(
    @CurrentUser() me: Principal,
    @UuidParam('id') id: string,
    @Body() body: ReminderPolicyDto,
  ): Promise<ReminderPolicyDto> {
    const journey = await this.journeys.setReminderPolicy(me, id, body);
    return journey.reminderPolicy;
  }

  @Get(':id/reminder-policy')
  @ApiOkResponse({ type: ReminderPolicyDto })
  async getReminderPolicy(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<ReminderPolicyDto> {
    return (await this.journeys.get(me, id)).journey.reminderPolicy;
  }
}
