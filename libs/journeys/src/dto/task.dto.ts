import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { OWNER_PARTIES, PHASES, TASK_STATUSES, WORKSTREAMS } from '@pathway/domain/vocabulary';
import { IsCalendarDate, IsInstant, IsPgInt, PG_INT_MAX } from './validators';

/** Statuses a person may set; `cannot_start_yet` follows from dependencies and is never set by hand. */
export const SETTABLE_TASK_STATUSES = ['not_started', 'in_progress', 'completed', 'not_applicable'] as const;

export class UpdateTaskDto {
  @ApiPropertyOptional({ enum: SETTABLE_TASK_STATUSES })
  @IsOptional()
  @IsIn(SETTABLE_TASK_STATUSES, {
    message: `status must be one of: ${SETTABLE_TASK_STATUSES.join(', ')} (cannot_start_yet follows from dependencies)`,
  })
  status?: (typeof SETTABLE_TASK_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Required when status is not_applicable: why the task does not apply' })
  @ValidateIf((o: UpdateTaskDto) => o.status === 'not_applicable' || o.notApplicableReason !== undefined)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'notApplicableReason is required when status is not_applicable' })
  @IsNotEmpty({ message: 'notApplicableReason is required when status is not_applicable' })
  @MaxLength(2000)
  notApplicableReason?: string;

  @ApiPropertyOptional({
    example: '2027-06-30',
    description: 'A Europe/London date, today or later unless left as it is; setting it marks the deadline as set by hand',
  })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({
    example: '2027-06-30T17:00:00+01:00',
    nullable: true,
    description: 'An exact deadline, on a London day today or later unless left as it is; null clears it',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInstant()
  dueAt?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A user of the task’s owner organisation; null unassigns' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all')
  assigneeUserId?: string | null;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      'Central team only: why it overrides a duty rule (moving the parent body’s response deadline later, a statutory deadline past its rule, or marking a statutory, evidence-gated or response task not applicable). Required (400) when the change needs an override; kept in the history',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(2000)
  overrideReason?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: PG_INT_MAX,
    description: 'Optimistic concurrency on the journey: 409 if it has moved on',
  })
  @IsOptional()
  @IsPgInt({ min: 1 })
  expectedVersion?: number;
}

/** POST /api/journeys/:id/tasks: a task of the journey's own, beside the template's. */
export class CreateTaskDto {
  @ApiProperty({ example: 'Agree the staff communications plan with the union', maxLength: 200 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'title is required' })
  @IsNotEmpty({ message: 'title is required' })
  @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: OWNER_PARTIES, description: 'Who owes it; a mutual lead may add tasks for the mutual only' })
  @IsIn(OWNER_PARTIES, { message: `ownerParty must be one of: ${OWNER_PARTIES.join(', ')}` })
  ownerParty!: (typeof OWNER_PARTIES)[number];

  @ApiPropertyOptional({ example: '2027-06-30', description: 'A Europe/London date, today or later' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({ type: [String], description: 'Keys of tasks of this journey that must be done first' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  dependsOn?: string[];

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  guidance?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;

  @ApiPropertyOptional({ enum: WORKSTREAMS, default: 'governance' })
  @IsOptional()
  @IsIn(WORKSTREAMS)
  workstream?: (typeof WORKSTREAMS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'A user of the owner organisation' })
  @IsOptional()
  @IsUUID('all')
  assigneeUserId?: string;
}

export class TaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ enum: WORKSTREAMS }) workstream!: string;
  @ApiProperty({ enum: OWNER_PARTIES }) ownerParty!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerOrganisationId!: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty({ description: 'A legal duty (for example TUPE employee liability information)' }) statutory!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The state this task must be done in before the journey leaves it' })
  gateState!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-09-03' }) dueDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The effective deadline instant: dueAt, or the end of dueDate in Europe/London',
  })
  deadline!: string | null;
  @ApiProperty() dueSetByHand!: boolean;
  @ApiProperty({ type: [String] }) dependsOn!: string[];
  @ApiProperty() guidance!: string;
  @ApiProperty({ description: 'Citation for the facts in the guidance' }) source!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Link to the source (legislation.gov.uk, GOV.UK)' }) sourceUrl!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) notApplicableReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The contract this task belongs to: renewal tasks, and the first contract’s award and signing',
  })
  contractId!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ description: 'Added by people on the journey, not from the pathway template' }) custom!: boolean;
}

export class TaskListDto {
  @ApiProperty({ type: [TaskDto] }) items!: TaskDto[];
  @ApiProperty() total!: number;
}
