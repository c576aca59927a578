import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { StaffBallotsService } from './staff-ballots.service';
import { StaffSurveysService } from './staff-surveys.service';
import {
  RecordBallotDto,
  RecordSurveyDto,
  StaffBallotDto,
  StaffBallotListDto,
  StaffSupportWaiverDto,
  StaffSurveyDto,
  StaffSurveyListDto,
  WaiveStaffSupportDto,
} from './staff-voice.dto';

@ApiTags('staff voice')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such journey, or the caller may not see it' })
@Controller('api/journeys/:journeyId')
export class StaffVoiceController {
  constructor(
    private readonly ballots: StaffBallotsService,
    private readonly surveys: StaffSurveysService,
  ) {}

  @Post('staff-ballots')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record a staff ballot on the spin-out (the mutual lead). Turnout, support and whether it meets the template’s staffSupportThreshold are computed; a qualifying latest ballot completes the ballot task, a later one that falls short reopens it',
  })
  @ApiCreatedResponse({ type: StaffBallotDto })
  @ApiBadRequestResponse({
    description: 'A count, the date (not in the future) or the text is wrong, or the counts do not add up (more votes than eligible staff)',
  })
  @ApiForbiddenResponse({ description: 'Not the lead of this journey’s mutual' })
  @ApiConflictResponse({ description: 'The journey has been withdrawn' })
  record(@CurrentUser() me: Principal, @UuidParam('journeyId') journeyId: string, @Body() body: RecordBallotDto): Promise<StaffBallotDto> {
    return this.ballots.record(me, journeyId, body);
  }

  @Get('staff-ballots')
  @ApiOperation({
    summary: 'The journey’s staff ballots, latest first, and whether the staff support condition holds (every party of the journey)',
  })
  @ApiOkResponse({ type: StaffBallotListDto })
  list(@CurrentUser() me: Principal, @UuidParam('journeyId') journeyId: string): Promise<StaffBallotListDto> {
    return this.ballots.list(me, journeyId);
  }

  @Post('staff-support-waiver')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Waive the staff support condition of submitting the business case, with a reason (the central team); the ballot task becomes not applicable with that reason',
  })
  @ApiCreatedResponse({ type: StaffSupportWaiverDto })
  @ApiBadRequestResponse({ description: 'reason missing, empty or longer than 2000 characters' })
  @ApiForbiddenResponse({ description: 'Not the central team' })
  @ApiConflictResponse({ description: 'Already waived, or the journey has been withdrawn' })
  waive(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @Body() body: WaiveStaffSupportDto,
  ): Promise<StaffSupportWaiverDto> {
    return this.ballots.waive(me, journeyId, body.reason);
  }

  @Post('staff-surveys')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record a staff pulse survey (the mutual lead, before and during the spin-out): respondents, eligible staff and the share (a fraction 0..1) agreeing with each fixed statement',
  })
  @ApiCreatedResponse({ type: StaffSurveyDto })
  @ApiBadRequestResponse({ description: 'A count or share is wrong, respondents exceed eligible, or the date is in the future' })
  @ApiForbiddenResponse({ description: 'Not the lead of this journey’s mutual' })
  @ApiConflictResponse({ description: 'The journey is past spinning out (or withdrawn): surveys are for pre spin-out and spinning out' })
  recordSurvey(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @Body() body: RecordSurveyDto,
  ): Promise<StaffSurveyDto> {
    return this.surveys.record(me, journeyId, body);
  }

  @Get('staff-surveys')
  @ApiOperation({ summary: 'The journey’s staff pulse surveys, oldest first (every party of the journey)' })
  @ApiOkResponse({ type: StaffSurveyListDto })
  listSurveys(@CurrentUser() me: Principal, @UuidParam('journeyId') journeyId: string): Promise<StaffSurveyListDto> {
    return this.surveys.list(me, journeyId);
  }
}
