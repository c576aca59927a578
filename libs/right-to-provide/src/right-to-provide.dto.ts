import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DECLINE_GROUNDS } from '@pathway/domain/decline-grounds';
import { APPEAL_OUTCOMES, RIGHT_TO_PROVIDE_STATUSES, TASK_STATUSES, type RightToProvideStatus } from '@pathway/domain/vocabulary';

export class RightToProvideQueryDto {
  @ApiPropertyOptional({
    enum: RIGHT_TO_PROVIDE_STATUSES,
    description: 'The parent body’s decision: awaiting_response, accepted or declined',
  })
  @IsOptional()
  @IsIn(RIGHT_TO_PROVIDE_STATUSES)
  status?: RightToProvideStatus;
}

export class RequestDecisionAttachmentDto {
  @ApiProperty({ format: 'uuid', description: 'GET /api/attachments/:id downloads it (parties of the journey only)' }) id!: string;
  @ApiProperty({ example: 'cabinet-minute.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
}

const CONDITIONS = { nullable: true, type: String, description: 'What the decision is subject to, or says would change it' };
const ATTACHMENT = { type: RequestDecisionAttachmentDto, nullable: true, description: 'The file attached to the decision, or null' };

export class RequestDecisionDto {
  @ApiProperty({ enum: ['accepted', 'declined'] }) type!: 'accepted' | 'declined';
  @ApiProperty() decidedAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedByUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedByName!: string | null;
  @ApiProperty({ enum: DECLINE_GROUNDS, nullable: true, description: 'Decline ground; null on acceptance or when none was given' })
  ground!: string | null;
  @ApiProperty({ nullable: true, type: String }) groundLabel!: string | null;
  @ApiProperty({ nullable: true, type: String }) reasons!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Cabinet, 12 March 2026, minute 7',
    description: 'The authority behind the decision (required on a decline)',
  })
  governance!: string | null;
  @ApiProperty(CONDITIONS) conditions!: string | null;
  @ApiProperty(ATTACHMENT) attachment!: RequestDecisionAttachmentDto | null;
}

export class RequestReconsiderationDto {
  @ApiProperty({ description: 'The escalation point’s finding, which asks the parent body to decide again' }) finding!: string;
  @ApiProperty() foundAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) foundByUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) foundByName!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '1: the department; 2: the independent arbiter' }) level!: number | null;
  @ApiProperty({ nullable: true, type: String }) governance!: string | null;
  @ApiProperty(CONDITIONS) conditions!: string | null;
  @ApiProperty(ATTACHMENT) attachment!: RequestDecisionAttachmentDto | null;
  @ApiProperty({ description: 'Which time the parent body decides again (1 after the first upheld appeal)' }) round!: number;
}

export class RequestAppealDto {
  @ApiProperty({ enum: ['open', 'resolved'], description: 'The latest appeal' }) status!: 'open' | 'resolved';
  @ApiProperty({
    enum: APPEAL_OUTCOMES,
    nullable: true,
    description:
      'upheld: the parent body is asked to decide again (status awaiting_response, with reconsideration); dismissed: the decline stands',
  })
  outcome!: 'upheld' | 'dismissed' | null;
  @ApiProperty() grounds!: string;
  @ApiProperty() lodgedAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) lodgedByUserId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) escalationId!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '1: the department; 2: the independent arbiter' }) level!: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assignedOrganisationId!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedByUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedByName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The escalation point’s finding' }) resolution!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The authority behind the appeal decision' }) governance!: string | null;
  @ApiProperty(CONDITIONS) conditions!: string | null;
  @ApiProperty(ATTACHMENT) attachment!: RequestDecisionAttachmentDto | null;
}

export class RightToProvideRequestDto {
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty() journeyName!: string;
  @ApiProperty({ format: 'uuid' }) mutualOrganisationId!: string;
  @ApiProperty() mutualOrganisationName!: string;
  @ApiProperty() proposalSummary!: string;
  @ApiProperty({ description: 'When the expression of interest was submitted (instant)' }) submittedAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) submittedByUserId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-07-01', description: 'The response task’s due date (Europe/London)' })
  responseDueDate!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The response deadline as an instant (dueAt when set, else the end of responseDueDate in London)',
  })
  responseDeadline!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) responseTaskId!: string | null;
  @ApiProperty({ enum: TASK_STATUSES, nullable: true }) responseTaskStatus!: string | null;
  @ApiProperty({
    enum: RIGHT_TO_PROVIDE_STATUSES,
    description:
      'The parent body’s decision. A decline overturned on appeal stays declined, with appeal.outcome upheld and proceeding true',
  })
  status!: RightToProvideStatus;
  @ApiProperty({ description: 'Awaiting a response past its deadline' }) overdue!: boolean;
  @ApiProperty({ type: RequestDecisionDto, nullable: true }) decision!: RequestDecisionDto | null;
  @ApiProperty({ type: RequestAppealDto, nullable: true }) appeal!: RequestAppealDto | null;
  @ApiProperty() appealCount!: number;
  @ApiProperty({
    type: RequestReconsiderationDto,
    nullable: true,
    description: 'While the parent body decides again after an upheld appeal: the finding; responseDueDate is the new deadline',
  })
  reconsideration!: RequestReconsiderationDto | null;
  @ApiProperty({ description: 'The journey goes ahead: accepted, or a decline overturned on appeal' }) proceeding!: boolean;
  @ApiProperty({
    enum: [...RIGHT_TO_PROVIDE_STATUSES, 'overturned_on_appeal'],
    description:
      'Where the request stands now: overturned_on_appeal once an appeal against the decline is upheld and the journey goes ahead, otherwise status',
  })
  standing!: RightToProvideStatus | 'overturned_on_appeal';
  @ApiProperty() journeyPhase!: string;
  @ApiProperty() journeyState!: string;
}

export class RightToProvideRequestListDto {
  @ApiProperty({ type: [RightToProvideRequestDto] }) items!: RightToProvideRequestDto[];
  @ApiProperty() total!: number;
}

export class DeclineGroundDto {
  @ApiProperty({ enum: DECLINE_GROUNDS }) key!: string;
  @ApiProperty() label!: string;
  @ApiProperty() explanation!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ description: 'One of the Community Right to Challenge rejection grounds (Localism Act 2011)' })
  communityRightToChallenge!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Link to the source (legislation.gov.uk)' }) sourceUrl!: string | null;
}

export class DeclineGroundsQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The journey whose parent body would decline' })
  @IsUUID('all', { message: 'journeyId must be a UUID' })
  journeyId!: string;
}

export class DeclineGroundListDto {
  @ApiProperty({ type: [DeclineGroundDto] }) items!: DeclineGroundDto[];
  @ApiProperty() total!: number;
}
