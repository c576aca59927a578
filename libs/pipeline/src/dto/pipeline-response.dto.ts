import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ESCALATION_TRIGGERS, JOURNEY_STATES, PHASES, REGIONS, SERVICE_AREAS } from '@pathway/domain/vocabulary';
import { ACTIVE_JOURNEY_STATES } from '../tally';

/** OpenAPI: an object with one integer per enum value; every value is always present (0 when none). */
const countsOf = (keys: readonly string[], description: string) => ({
  type: 'object' as const,
  description,
  properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' as const, minimum: 0 }])),
  // (No nested `required` list here: @ApiProperty reads `required` as this property's own flag.)
});

export class PipelineSummaryDto {
  @ApiProperty({ description: 'Active journeys (every state but withdrawn; on_hold included)' }) total!: number;
  @ApiProperty(countsOf(PHASES, 'Active journeys per phase')) byPhase!: Record<string, number>;
  @ApiProperty(countsOf(ACTIVE_JOURNEY_STATES, 'Active journeys per state (withdrawn journeys are not active, so not listed)'))
  byState!: Record<string, number>;
  @ApiProperty(countsOf(SERVICE_AREAS, 'Active journeys per service area')) byServiceArea!: Record<string, number>;
  @ApiProperty(countsOf(REGIONS, 'Active journeys per region')) byRegion!: Record<string, number>;
  @ApiProperty({ description: 'Open tasks past their deadline on active journeys that are not on hold' }) overdueTasks!: number;
  @ApiProperty({ description: 'Open escalations on active journeys' }) openEscalations!: number;
  @ApiProperty({ description: 'Staff of active journeys not yet transferred (phases pre_spin_out and spinning_out)' })
  staffTransferring!: number;
  @ApiProperty({
    description: 'Contracts of active journeys ending from today up to 18 months ahead (see /api/pipeline/contract-expiries)',
  })
  contractsExpiringWithin18Months!: number;
  @ApiProperty({ description: 'Active journeys (not on hold) with a contract renewal task past its deadline' })
  journeysWithOverdueRenewal!: number;
  @ApiProperty({ description: 'The instant "overdue" was measured at' }) asOf!: string;
}

/** One journey in a pipeline list, with the names a monitor reads. */
export class PipelineJourneyRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PHASES }) phase!: string;
  @ApiProperty({ enum: JOURNEY_STATES }) state!: string;
  @ApiProperty({ enum: SERVICE_AREAS }) serviceArea!: string;
  @ApiProperty({ enum: REGIONS }) region!: string;
  @ApiProperty({ format: 'uuid' }) mutualOrganisationId!: string;
  @ApiProperty() mutualOrganisationName!: string;
  @ApiProperty({ format: 'uuid' }) parentBodyId!: string;
  @ApiProperty() parentBodyName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) departmentName!: string | null;
  @ApiProperty() staffCount!: number;
  @ApiProperty({ example: '2027-10-01' }) plannedTransferDate!: string;
  @ApiProperty({ description: 'Last event, task change or escalation step' }) lastActivityAt!: string;
}

export class PipelineJourneyDto extends PipelineJourneyRefDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) commissionerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) commissionerName!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) arbiterId!: string | null;
  @ApiProperty({ nullable: true, type: String }) arbiterName!: string | null;
  @ApiProperty({ description: 'Tasks neither completed nor not applicable' }) openTasks!: number;
  @ApiProperty({ description: 'Open tasks past their deadline (0 while on hold or withdrawn: the clock is paused)' }) overdueTasks!: number;
  @ApiProperty() openEscalations!: number;
  @ApiProperty({ description: 'When the journey entered its current state' }) stateEnteredAt!: string;
  @ApiProperty({ type: 'integer', description: 'Whole days since the journey entered its current state' }) daysInState!: number;
  @ApiProperty({ description: 'At risk, as GET /api/pipeline/at-risk decides (that list has the reasons)' }) atRisk!: boolean;
}

export class PipelineJourneyListDto {
  @ApiProperty({ type: [PipelineJourneyDto] }) items!: PipelineJourneyDto[];
  @ApiProperty() total!: number;
}

export const AT_RISK_REASONS = ['transfer_soon_with_open_mandatory_tasks', 'overdue_statutory_task', 'contract_lost'] as const;
export type AtRiskReasonCode = (typeof AT_RISK_REASONS)[number];

export class AtRiskTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'The task’s deadline (dueAt, else the end of dueDate in London)' }) deadline!: string;
  @ApiProperty() daysOverdue!: number;
}

export class AtRiskContractDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: '2029-03-31' }) endDate!: string;
}

export class AtRiskReasonDto {
  @ApiProperty({ enum: AT_RISK_REASONS }) code!: AtRiskReasonCode;
  @ApiProperty({ description: 'The reason in plain English' }) description!: string;
  @ApiPropertyOptional({ description: 'transfer_soon_with_open_mandatory_tasks: open mandatory spinning-out tasks' })
  openMandatoryTasks?: number;
  @ApiPropertyOptional({ type: [AtRiskTaskDto], description: 'overdue_statutory_task: the overdue statutory tasks, oldest deadline first' })
  tasks?: AtRiskTaskDto[];
  @ApiPropertyOptional({ type: [AtRiskContractDto], description: 'contract_lost: the lost contracts no other contract replaces' })
  contracts?: AtRiskContractDto[];
}

export class AtRiskJourneyDto extends PipelineJourneyRefDto {
  @ApiProperty({ type: 'integer', description: 'Whole days since the journey entered its current state' }) daysInState!: number;
  @ApiProperty({ description: 'Days from today (London) to the planned transfer; negative when it has passed' }) daysToTransfer!: number;
  @ApiProperty({ type: [AtRiskReasonDto] }) reasons!: AtRiskReasonDto[];
}

export class AtRiskListDto {
  @ApiProperty({ type: [AtRiskJourneyDto] }) items!: AtRiskJourneyDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'A planned transfer this many days away or closer counts as soon' }) transferWithinDays!: number;
}

export class StalledJourneyDto extends PipelineJourneyRefDto {
  @ApiProperty({ description: 'Whole days since the last event, task change or escalation step' }) daysSinceActivity!: number;
}

export class StalledListDto {
  @ApiProperty({ type: [StalledJourneyDto] }) items!: StalledJourneyDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'The threshold applied (the days parameter, else STALLED_AFTER_DAYS)' }) days!: number;
}

export class PipelineEscalationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty() journeyName!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) taskId!: string | null;
  @ApiProperty({ nullable: true, type: String }) taskTitle!: string | null;
  @ApiProperty({ enum: ESCALATION_TRIGGERS }) trigger!: string;
  @ApiProperty({ description: '1: the department; 2: the arbiter' }) level!: number;
  @ApiProperty({ format: 'uuid' }) assignedOrganisationId!: string;
  @ApiProperty() assignedOrganisationName!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ description: 'Whole days since it was opened' }) ageDays!: number;
}

export class PipelineEscalationListDto {
  @ApiProperty({ type: [PipelineEscalationDto] }) items!: PipelineEscalationDto[];
  @ApiProperty() total!: number;
}
