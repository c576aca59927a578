import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmpty,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PUBLIC_JOURNEY_EVENT_TYPES } from '@pathway/domain/events';
import {
  BODY_TYPES,
  JOURNEY_STATES,
  NATIONS,
  PHASES,
  REGIONS,
  SERVICE_AREAS,
  type BodyType,
  type JourneyState,
  type Nation,
  type Phase,
  type Region,
  type ServiceArea,
} from '@pathway/domain/vocabulary';
import { IsCalendarDate, IsIsoDuration, IsPgInt, LimitParam, OffsetParam, PG_INT_MAX, toQueryInt } from './validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateJourneyDto {
  @ApiProperty({ example: 'Aspire Sussex adult education spin-out' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ format: 'uuid' }) @IsUUID('all') mutualOrganisationId!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') parentBodyId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') commissionerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') departmentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') arbiterId?: string;

  @ApiProperty({ enum: SERVICE_AREAS }) @IsIn(SERVICE_AREAS) serviceArea!: ServiceArea;
  @ApiProperty({ enum: REGIONS }) @IsIn(REGIONS) region!: Region;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 1_000_000, example: 1400 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  staffCount!: number;

  @ApiProperty({ format: 'date', example: '2027-10-01', description: 'Europe/London calendar date, from today up to ten years ahead' })
  @IsCalendarDate({ plannedTransfer: true })
  plannedTransferDate!: string;
}

export class UpdateJourneyDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  staffCount?: number;
  @ApiPropertyOptional({
    format: 'date',
    description: 'Moving it recomputes every due date not set by hand; from today up to ten years ahead',
  })
  @IsOptional()
  @IsCalendarDate({ plannedTransfer: true })
  plannedTransferDate?: string;
  @ApiPropertyOptional({ description: 'A legal form key from GET /api/pathway (legalForms)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  legalForm?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Central team only (403 otherwise), with reason; 409 while an appeal or unanswered-request escalation is open. The parent body’s tasks follow it',
  })
  @IsOptional()
  @IsUUID('all')
  parentBodyId?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Central team only, with reason; null removes it' })
  @IsOptional()
  @IsUUID('all')
  commissionerId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description:
      'Level 1 of the escalation chain. Central team only, with reason; 409 while an escalation is open at level 1; null falls back to the central team',
  })
  @IsOptional()
  @IsUUID('all')
  departmentId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description:
      'Level 2 (last) of the escalation chain. Central team only, with reason; 409 while any escalation is open (each can still rise to it); null falls back to the central team',
  })
  @IsOptional()
  @IsUUID('all')
  arbiterId?: string;
  @ApiPropertyOptional({
    description:
      'Why the parties change (required with any change of parentBodyId, commissionerId, departmentId or arbiterId); kept in the history',
    maxLength: 2000,
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: PG_INT_MAX,
    description: 'Optimistic concurrency: 409 if the journey has moved on',
  })
  @IsOptional()
  @IsPgInt({ min: 1 })
  expectedVersion?: number;
}

export class JourneyEventDto {
  @ApiProperty({ enum: PUBLIC_JOURNEY_EVENT_TYPES })
  @IsIn(PUBLIC_JOURNEY_EVENT_TYPES, { message: `type must be one of: ${PUBLIC_JOURNEY_EVENT_TYPES.join(', ')}` })
  type!: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: PG_INT_MAX,
    description: 'Optimistic concurrency: 409 if the journey has moved on',
  })
  @IsOptional()
  @IsPgInt({ min: 1 })
  expectedVersion?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Validated per event type (one DTO each; unknown keys are 400; text up to 10,000 characters, governance up to 500, conditions up to 5,000): the decisions (accept_expression_of_interest, decline_expression_of_interest, approve_business_case, return_business_case, reject_business_case) also take conditions (optional: what the decision depends on, or what must happen next); proposalSummary (submit_expression_of_interest); reasons required, ground and governance optional (decline_expression_of_interest); reasons optional, governance optional (accept_expression_of_interest); grounds (appeal, from declined or business_case_rejected); governance optional (approve_business_case); reasons, governance optional (return_business_case); reasons and governance required (reject_business_case); reason (put_on_hold, withdraw); legalForm, incorporationDate and accountingReferenceDate optional (register_legal_entity; the dates YYYY-MM-DD, see PUT /api/journeys/:id/entity); nothing for the other events',
  })
  @IsOptional()
  @IsObject()
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description:
      "multipart/form-data only, and only for a decision: one file attached to it (20 MB, 413; a PDF, image, Office, OpenDocument, CSV or text file judged by its contents, 415), stored with the decision and listed as `attachment` in its history row; downloaded with GET /api/attachments/:id by parties of the journey. In a multipart body the payload's fields are `payload[reasons]`, `payload[conditions]` and so on.",
  })
  @IsOptional()
  @IsEmpty({ message: 'file must be sent as a file part of a multipart/form-data body' })
  file?: never;
}

export class JourneyQueryDto {
  @ApiPropertyOptional({ enum: PHASES }) @IsOptional() @IsIn(PHASES) phase?: Phase;
  @ApiPropertyOptional({ enum: JOURNEY_STATES })
  @IsOptional()
  @IsIn(JOURNEY_STATES, { message: `state must be one of: ${JOURNEY_STATES.join(', ')}` })
  state?: JourneyState;
  @ApiPropertyOptional({ enum: SERVICE_AREAS }) @IsOptional() @IsIn(SERVICE_AREAS) serviceArea?: ServiceArea;
  @ApiPropertyOptional({ enum: REGIONS }) @IsOptional() @IsIn(REGIONS) region?: Region;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') parentBodyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') departmentId?: string;
  @LimitParam(500, 100)
  limit?: number;
  @OffsetParam()
  offset?: number;
}

export class ReminderPolicyDto {
  @ApiProperty({ type: [String], example: ['P14D', 'P3D'], description: 'ISO-8601 durations before each deadline' })
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(10)
  @IsIsoDuration({ each: true })
  remindBefore!: string[];

  @ApiProperty({ example: 'P5D', description: 'ISO-8601 duration after the deadline before an incomplete task escalates' })
  @IsIsoDuration()
  escalateAfter!: string;

  @ApiPropertyOptional({ description: 'Count whole days of escalateAfter as working days (date deadlines). Default: the template’s' })
  @IsOptional()
  @IsBoolean()
  escalateAfterWorkingDays?: boolean;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Central team only: why escalateAfter is longer than the pathway default (nobody else may lengthen it: 422 escalate_after_beyond_default). Required (400) for such a change; kept in the history',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  overrideReason?: string;
}

export class JourneyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty() state!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'uuid' }) mutualOrganisationId!: string;
  @ApiProperty({ format: 'uuid' }) parentBodyId!: string;
  @ApiProperty({
    description:
      'False while the parent body named by a mutual lead has not confirmed it (by answering, or POST /api/journeys/:id/parent-body/confirm); it may reject it as not theirs',
  })
  parentBodyConfirmed!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) commissionerId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) arbiterId!: string | null;
  @ApiProperty({ enum: SERVICE_AREAS }) serviceArea!: string;
  @ApiProperty({ enum: REGIONS }) region!: string;
  @ApiProperty() staffCount!: number;
  @ApiProperty({ example: '2027-10-01' }) plannedTransferDate!: string;
  @ApiProperty({ type: [String], description: 'The events this caller may fire now' }) allowedEvents!: string[];
  @ApiProperty({
    description:
      'Events this caller could fire in this state but whose guard fails now: the number of open mandatory tasks, and the conditions not met (code staff_support: no staff ballot meeting the threshold and no waiver)',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        type: { type: 'string' },
        blockingTasks: { type: 'integer' },
        unmetConditions: {
          type: 'array',
          items: { type: 'object', properties: { code: { type: 'string', enum: ['staff_support'] }, message: { type: 'string' } } },
        },
      },
    },
  })
  blockedEvents!: Array<{ type: string; blockingTasks: number; unmetConditions: Array<{ code: string; message: string }> }>;
  @ApiProperty({ nullable: true, type: String, description: 'While on hold: the state it resumes to' }) heldState!: string | null;
  @ApiProperty({ nullable: true, type: String }) legalForm!: string | null;
  @ApiProperty() templateVersion!: number;
  @ApiProperty({ enum: NATIONS, description: 'The mutual’s nation the checklist was planned for (working days, law)' }) nation!: Nation;
  @ApiProperty({ enum: BODY_TYPES, nullable: true, description: 'The parent body’s type the checklist was planned for' })
  parentBodyType!: BodyType | null;
  @ApiProperty({ nullable: true, type: String }) proposalSummary!: string | null;
  @ApiProperty() reminderPolicy!: ReminderPolicyDto;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class JourneyListDto {
  @ApiProperty({ type: [JourneyDto] }) items!: JourneyDto[];
  @ApiProperty() total!: number;
}

export class HistoryItemDto {
  @ApiProperty() at!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who did it; null when automatic, or withheld (actorHidden) for the raiser of a confidential concern',
  })
  actorUserId!: string | null;
  @ApiPropertyOptional({
    description: 'True when the actor is withheld from this caller: a concern raised confidentially with the central team',
  })
  actorHidden?: boolean;
  @ApiProperty() type!: string;
  @ApiProperty({ nullable: true, type: String }) fromPhase!: string | null;
  @ApiProperty({ nullable: true, type: String }) fromState!: string | null;
  @ApiProperty({ nullable: true, type: String }) toPhase!: string | null;
  @ApiProperty({ nullable: true, type: String }) toState!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class HistoryLinksDto {
  @ApiProperty({ description: 'The newest page' }) newest!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The next older page, or null when this page holds the oldest entry' }) older!:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The next newer page, or null on the newest page' }) newer!: string | null;
}

export class HistoryListDto {
  @ApiProperty({ type: [HistoryItemDto], description: 'Oldest first within the page' }) items!: HistoryItemDto[];
  @ApiProperty({ description: 'Entries in the whole history' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next older page' }) olderCursor!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next newer page' }) newerCursor!: string | null;
  @ApiProperty({ type: HistoryLinksDto }) links!: HistoryLinksDto;
}

export const HISTORY_PAGE_DEFAULT = 100;
export const HISTORY_PAGE_MAX = 500;

/** `GET /api/journeys/:id/history?limit=&before=|after=`: a page of history (newest page by default). */
export class HistoryQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: HISTORY_PAGE_MAX, default: HISTORY_PAGE_DEFAULT })
  @IsOptional()
  @Transform(toQueryInt)
  @IsPgInt({ min: 1, max: HISTORY_PAGE_MAX })
  limit?: number;

  @ApiPropertyOptional({ description: 'A cursor (olderCursor of a page): the entries just older than it' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'before must be a cursor from a history page (olderCursor)' })
  before?: string;

  @ApiPropertyOptional({ description: 'A cursor (newerCursor of a page): the entries just newer than it' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'after must be a cursor from a history page (newerCursor)' })
  after?: string;
}
