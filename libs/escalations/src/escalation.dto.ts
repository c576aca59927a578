import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmpty, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MAX_CONDITIONS_TEXT, MAX_GOVERNANCE_TEXT } from '@pathway/domain/event-payload';
import { IsSafeText } from '@pathway/journeys/dto/validators';
import type { DecisionAttachmentRef } from '@pathway/journeys/decision-files';
import { APPEAL_OUTCOMES, ESCALATION_STATUSES, ESCALATION_TRIGGERS, type AppealOutcome } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { EscalationEntity } from './escalation.entity';

/** The longest concern, reason for escalating or resolution (characters). */
export const MAX_ESCALATION_TEXT = 5000;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RaiseConcernDto {
  @ApiProperty({ example: 'The parent body has not shared staff information for six weeks' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ESCALATION_TEXT)
  reason!: string;

  @ApiPropertyOptional({ description: 'Goes straight to the independent arbiter' })
  @IsOptional()
  @IsBoolean()
  conflictOfInterest?: boolean;

  @ApiPropertyOptional({
    description:
      'Raise it confidentially with the central team: it goes to the cabinet office (not the department), and who raised it is shown only to the central team and the raiser',
  })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'The task the concern is about, if any' })
  @IsOptional()
  @IsUUID('all')
  taskId?: string;
}

/** Shown for the raiser of a confidential concern to everyone but the central team and the raiser. */
export const CONFIDENTIAL_RAISER = 'A member of the journey’s parties (confidential)';

export class EscalateDto {
  @ApiProperty({ description: 'Why it needs the next level (required: the next level decides on it)' })
  @Transform(trim)
  @IsString({ message: 'reason is required: say why this needs the next level' })
  @IsNotEmpty({ message: 'reason is required: say why this needs the next level' })
  @MaxLength(MAX_ESCALATION_TEXT)
  reason!: string;
}

export class ResolveEscalationDto {
  @ApiProperty({ example: 'Parent body agreed to share the staff list by Friday' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_ESCALATION_TEXT)
  resolution!: string;

  @ApiPropertyOptional({
    enum: APPEAL_OUTCOMES,
    description:
      'Required for appeals. upheld: the parent body decides again (a declined expression of interest goes back to awaiting_parent_body_response, a refused business case to awaiting_approval) with a new deadline and this finding; dismissed: the refusal stands',
  })
  @IsOptional()
  @IsIn(APPEAL_OUTCOMES)
  outcome?: AppealOutcome;

  @ApiPropertyOptional({
    maxLength: MAX_GOVERNANCE_TEXT,
    example: 'Appeals panel, 3 April, decision 2026/14',
    description: 'The authority behind the decision (who decided, at which meeting or under which delegation); recorded in the history',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_GOVERNANCE_TEXT)
  governance?: string;

  @ApiPropertyOptional({
    maxLength: MAX_CONDITIONS_TEXT,
    example: 'The parent body decides again within 30 days, and meets the mutual’s board first',
    description:
      'Conditions the resolution carries: what it depends on, or what must happen next; stored with it and recorded in the history',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'conditions must not be blank' })
  @MaxLength(MAX_CONDITIONS_TEXT)
  @IsSafeText()
  conditions?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description:
      'multipart/form-data only: one file attached to the resolution (20 MB, 413; a PDF, image, Office, OpenDocument, CSV or text file judged by its contents, 415); downloaded with GET /api/attachments/:id by parties of the journey',
  })
  @IsOptional()
  @IsEmpty({ message: 'file must be sent as a file part of a multipart/form-data body' })
  file?: never;
}

export class EscalationQueryDto {
  @ApiPropertyOptional({ enum: ESCALATION_STATUSES }) @IsOptional() @IsIn(ESCALATION_STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') journeyId?: string;
  @ApiPropertyOptional({ description: 'Only those assigned to the caller’s organisation' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  assignedToMe?: boolean;
}

export class DecisionAttachmentDto {
  @ApiProperty({ format: 'uuid', description: 'GET /api/attachments/:id downloads it' }) id!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() sizeBytes!: number;
}

export class EscalationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) taskId!: string | null;
  @ApiProperty({ enum: ESCALATION_TRIGGERS }) trigger!: string;
  @ApiProperty({ description: '1: department; 2: independent arbiter (a missing level falls back to the central team)' }) level!: number;
  @ApiProperty({ format: 'uuid' }) assignedOrganisationId!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() conflictOfInterest!: boolean;
  @ApiProperty({ description: 'Raised confidentially with the central team' }) confidential!: boolean;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who raised it; null when automatic, or when it is confidential and the caller is neither the central team nor the raiser',
  })
  openedByUserId!: string | null;
  @ApiProperty({ description: 'True when openedByUserId is withheld from this caller (a confidential concern)' }) openedByHidden!: boolean;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) resolution!: string | null;
  @ApiProperty({ enum: APPEAL_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Conditions the resolution carries' }) conditions!: string | null;
  @ApiProperty({
    nullable: true,
    type: DecisionAttachmentDto,
    description: 'The file attached to the resolution (GET /api/attachments/:id), or null',
  })
  attachment!: DecisionAttachmentDto | null;
  @ApiProperty({ description: 'When it reached its current level' }) levelSince!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'While open: when the organisation it sits with should decide it (its level reached + the journey’s escalateAfter); below the last level it rises by itself then',
  })
  decideBy!: string | null;
}

export class EscalationListDto {
  @ApiProperty({ type: [EscalationDto] }) items!: EscalationDto[];
  @ApiProperty() total!: number;
}

/** The caller decides what it shows: who raised a confidential concern is for the central team and the raiser only. */
export const presentEscalation = (
  e: EscalationEntity & { decideBy?: Date | null; attachment?: DecisionAttachmentRef | null },
  viewer: Principal,
): EscalationDto => ({
  id: e.id,
  journeyId: e.journeyId,
  taskId: e.taskId,
  trigger: e.trigger,
  level: e.level,
  assignedOrganisationId: e.assignedOrganisationId,
  status: e.status,
  reason: e.reason,
  conflictOfInterest: e.conflictOfInterest,
  confidential: !!e.confidential,
  openedByUserId: AccessPolicy.canSeeRaiser(viewer, e) ? e.openedByUserId : null,
  openedByHidden: !AccessPolicy.canSeeRaiser(viewer, e),
  openedAt: new Date(e.openedAt).toISOString(),
  resolvedAt: e.resolvedAt ? new Date(e.resolvedAt).toISOString() : null,
  resolution: e.resolution,
  outcome: e.outcome,
  conditions: e.conditions ?? null,
  attachment: e.attachment ?? null,
  levelSince: new Date(e.levelSince).toISOString(),
  decideBy: e.decideBy ? e.decideBy.toISOString() : null,
});
