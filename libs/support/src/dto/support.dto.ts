import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PHASES, SERVICE_AREAS, SUPPORT_AWARD_KINDS, type SupportAwardKind } from '@pathway/domain/vocabulary';
import { IsCalendarDate } from '@pathway/journeys/dto/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Whole pounds; a ceiling that no single award of this programme comes near, so a typo of extra zeros is caught. */
export const MAX_AWARD_GBP = 100_000_000;

export class SetAdvisersDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Support providers (organisations of kind support_provider) whose advisers may see the journey; replaces the current list',
  })
  @IsArray({ message: 'organisationIds must be an array of organisation ids' })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'organisationIds must contain only UUIDs' })
  organisationIds!: string[];
}

export class AdviserAssignmentDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() organisationName!: string;
  @ApiProperty({ description: 'ISO-8601 instant' }) assignedAt!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assignedByUserId!: string | null;
}

export class AdviserListDto {
  @ApiProperty({ type: [AdviserAssignmentDto] }) items!: AdviserAssignmentDto[];
  @ApiProperty() total!: number;
}

export class CreateSupportAwardDto {
  @ApiProperty({ format: 'uuid', description: 'The support provider (or the central team itself, for a grant it pays directly)' })
  @IsUUID('all', { message: 'providerOrganisationId must be a UUID' })
  providerOrganisationId!: string;

  @ApiProperty({ enum: SUPPORT_AWARD_KINDS })
  @IsIn(SUPPORT_AWARD_KINDS, { message: `kind must be one of: ${SUPPORT_AWARD_KINDS.join(', ')}` })
  kind!: SupportAwardKind;

  @ApiProperty({ minimum: 0, maximum: MAX_AWARD_GBP, example: 25000, description: 'Whole pounds' })
  @IsInt({ message: 'amountGbp must be a whole number of pounds' })
  @Min(0, { message: 'amountGbp must not be negative' })
  @Max(MAX_AWARD_GBP, { message: `amountGbp must be at most ${MAX_AWARD_GBP}` })
  amountGbp!: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_AWARD_GBP,
    default: 0,
    description: 'Whole pounds matched by others (the parent body, a social investor)',
  })
  @IsOptional()
  @IsInt({ message: 'matchedFundingGbp must be a whole number of pounds' })
  @Min(0, { message: 'matchedFundingGbp must not be negative' })
  @Max(MAX_AWARD_GBP, { message: `matchedFundingGbp must be at most ${MAX_AWARD_GBP}` })
  matchedFundingGbp?: number;

  @ApiProperty({ example: '2026-04-01', description: 'YYYY-MM-DD' })
  @IsCalendarDate()
  awardedOn!: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'YYYY-MM-DD, not before awardedOn' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;

  @ApiProperty({ example: 'Legal advice on the choice of legal form' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'purpose must not be empty' })
  @MaxLength(2000)
  purpose!: string;
}

export class SupportAwardDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty({ format: 'uuid' }) providerOrganisationId!: string;
  @ApiProperty() providerOrganisationName!: string;
  @ApiProperty({ enum: SUPPORT_AWARD_KINDS }) kind!: SupportAwardKind;
  @ApiProperty() amountGbp!: number;
  @ApiProperty() matchedFundingGbp!: number;
  @ApiProperty() awardedOn!: string;
  @ApiProperty({ nullable: true, type: String }) endsOn!: string | null;
  @ApiProperty() purpose!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedByUserId!: string | null;
  @ApiProperty() recordedAt!: string;
}

export class SupportAwardListDto {
  @ApiProperty({ type: [SupportAwardDto] }) items!: SupportAwardDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Sum of amountGbp' }) totalAwardedGbp!: number;
  @ApiProperty({ description: 'Sum of matchedFundingGbp' }) totalMatchedFundingGbp!: number;
}

export class SupportBreakdownRowDto {
  @ApiProperty({ enum: ['phase', 'serviceArea', 'provider', 'kind'] }) dimension!: string;
  @ApiProperty({ description: 'The phase, service area, kind, or the provider organisation id' }) key!: string;
  @ApiPropertyOptional({ description: 'The provider organisation name (provider rows)' }) name?: string;
  @ApiProperty() awards!: number;
  @ApiProperty({ description: 'Journeys with at least one award' }) journeys!: number;
  @ApiProperty() amountGbp!: number;
  @ApiProperty() matchedFundingGbp!: number;
}

export class SupportTotalsDto {
  @ApiProperty() totalAwardedGbp!: number;
  @ApiProperty() totalMatchedFundingGbp!: number;
  @ApiProperty() awards!: number;
  @ApiProperty({ description: 'Journeys with at least one award' }) journeys!: number;
  @ApiProperty({
    description: `GBP awarded per journey's current phase (${PHASES.join(', ')})`,
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  byPhase!: Record<string, number>;
  @ApiProperty({
    description: `GBP awarded per service area (${SERVICE_AREAS.join(', ')})`,
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  byServiceArea!: Record<string, number>;
  @ApiProperty({ description: 'GBP awarded per provider organisation id', type: 'object', additionalProperties: { type: 'number' } })
  byProvider!: Record<string, number>;
  @ApiProperty({
    description: `GBP awarded per kind (${SUPPORT_AWARD_KINDS.join(', ')})`,
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  byKind!: Record<string, number>;
  @ApiProperty({ type: [SupportBreakdownRowDto], description: 'Every dimension with awards, journeys and matched funding as well' })
  breakdown!: SupportBreakdownRowDto[];
}
