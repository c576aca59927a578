import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { JOURNEY_EVENT_TYPES } from '@pathway/domain/events';
import { BODY_TYPES, NATIONS, OWNER_PARTIES, PHASES, WORKSTREAMS } from '@pathway/domain/vocabulary';

/** OpenAPI shapes of the pathway template (the data itself is typed by the domain's PathwayTemplate). */
export class DueRuleDto {
  @ApiProperty({ enum: ['planned_transfer_date', ...JOURNEY_EVENT_TYPES] }) anchor!: string;
  @ApiProperty({ description: 'Negative: before the anchor' }) offset!: number;
  @ApiProperty({ enum: ['calendar_days', 'working_days', 'weeks', 'months'] }) unit!: string;
}

export class TaskSourceDto {
  @ApiProperty() citation!: string;
  @ApiProperty({ description: 'legislation.gov.uk or GOV.UK page' }) url!: string;
}

export class TaskAppliesToDto {
  @ApiProperty({ enum: NATIONS, isArray: true }) nations!: string[];
  @ApiProperty({ enum: BODY_TYPES, isArray: true }) bodyTypes!: string[];
  @ApiPropertyOptional({
    description: 'Staff-size rule: inclusive { min?, max? } on staffCount',
    type: 'object',
    additionalProperties: true,
  })
  staffCount?: { min?: number; max?: number };
}

export class TemplateTaskDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Plain English, saying where a legal or official fact comes from' }) guidance!: string;
  @ApiProperty({ oneOf: [{ type: 'string', description: 'Version 1: a citation' }, { $ref: '#/components/schemas/TaskSourceDto' }] })
  source!: string | TaskSourceDto;
  @ApiPropertyOptional({ type: TaskAppliesToDto, description: 'From version 2: which journeys get the task (absent in version 1: all)' })
  appliesTo?: TaskAppliesToDto;
  @ApiPropertyOptional({
    description: 'From version 2: per-nation title, guidance, source or due rule',
    type: 'object',
    additionalProperties: true,
  })
  byNation?: Record<string, unknown>;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ nullable: true, type: String }) gateState!: string | null;
  @ApiProperty() mandatory!: boolean;
  @ApiPropertyOptional() statutory?: boolean;
  @ApiProperty({ enum: WORKSTREAMS }) workstream!: string;
  @ApiProperty({ enum: OWNER_PARTIES }) ownerParty!: string;
  @ApiProperty({ type: [String] }) dependsOn!: string[];
  @ApiProperty({ type: DueRuleDto, nullable: true }) due!: DueRuleDto | null;
  @ApiPropertyOptional({ enum: JOURNEY_EVENT_TYPES, description: 'Created when this event fires rather than with the journey' })
  createdOn?: string;
  @ApiPropertyOptional({
    enum: ['staff_ballot'],
    description: 'Evidence-gated: completed by recording the evidence (a staff ballot meeting the threshold), never by a tick',
  })
  evidence?: string;
}

export class LegalFormDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) benefits!: string[];
  @ApiProperty({ type: [String] }) limits!: string[];
  @ApiProperty() registration!: string;
  @ApiProperty() source!: string;
  @ApiPropertyOptional({
    description: 'Whether it can meet Procurement Act 2023 s.33(6): { canMeet: yes|depends|no, note }',
    type: 'object',
    additionalProperties: true,
  })
  reservedContractFit?: { canMeet: string; note: string };
  @ApiPropertyOptional() example?: string;
}

export class TemplateReminderPolicyDto {
  @ApiProperty({ type: [String], example: ['P14D', 'P3D'] }) remindBefore!: string[];
  @ApiProperty({ example: 'P5D' }) escalateAfter!: string;
  @ApiProperty() escalateAfterWorkingDays!: boolean;
}

export class StaffSupportThresholdDto {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.5, description: 'Votes cast / eligible staff' }) minTurnout!: number;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.5, description: 'For / (for + against)' }) minSupportShare!: number;
}

export class PathwayTemplateDto {
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2026-11-22' }) publishedOn!: string;
  @ApiProperty({ type: [TemplateTaskDto] }) tasks!: TemplateTaskDto[];
  @ApiProperty({ type: [LegalFormDto], description: 'Taskforce recommendation 2 iv: legal forms with their benefits and limits' })
  legalForms!: LegalFormDto[];
  @ApiProperty({ type: TemplateReminderPolicyDto }) reminderPolicy!: TemplateReminderPolicyDto;
  @ApiProperty({ description: 'Days a parent body has to answer a Right to Provide expression of interest' })
  rightToProvideResponseDays!: number;
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 260,
    description:
      'Working days (of the journey’s nation) the parent body has to decide again after an appeal against its decision is upheld; absent on versions 1 and 2 (20 applies)',
  })
  reconsiderationResponseDays?: number;
  @ApiPropertyOptional({
    type: StaffSupportThresholdDto,
    description: 'What a staff ballot must show before the business case may be submitted; absent on versions 1 and 2 (0.5 and 0.5 apply)',
  })
  staffSupportThreshold?: StaffSupportThresholdDto;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'From version 3: the tasks each year of operation brings (key, title, anchor, offset, legal forms, source); absent on versions 1 and 2 (no yearly cycle)',
  })
  yearlyTasks?: Array<Record<string, unknown>>;
}

export class TemplateVersionDto {
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty() publishedOn!: string;
  @ApiProperty() createdAt!: string;
}

export class TemplateVersionListDto {
  @ApiProperty({ type: [TemplateVersionDto] }) items!: TemplateVersionDto[];
  @ApiProperty() total!: number;
}

/** The body of POST /api/pathway: a whole template without its version (the next one is assigned). */
export class PublishTemplateBodyDto extends OmitType(PathwayTemplateDto, ['version'] as const) {}
