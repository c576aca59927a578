import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '@pathway/journeys/dto/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const GROWTH_FINANCE_KINDS = ['loan', 'social_investment', 'community_shares', 'grant'] as const;
export type GrowthFinanceKind = (typeof GROWTH_FINANCE_KINDS)[number];
export const GROWTH_FINANCE_STATUSES = ['sought', 'secured', 'declined'] as const;
export type GrowthFinanceStatus = (typeof GROWTH_FINANCE_STATUSES)[number];
/** Whole pounds; far above any one round of growth finance for a mutual, so a typo of extra zeros is caught. */
export const MAX_FINANCE_GBP = 1_000_000_000;

export class EntityDatesBodyDto {
  @ApiProperty({
    example: '2027-01-10',
    description: 'YYYY-MM-DD: the day the entity was incorporated (a society: registered); not in the future',
  })
  @IsCalendarDate()
  incorporationDate!: string;

  @ApiPropertyOptional({
    example: '2028-01-31',
    description:
      'YYYY-MM-DD: the end of the first accounting reference period (its day and month are the ARD; a society: its first year end). More than 6 and at most 18 months after incorporation (Companies Act 2006 ss.391-392). Default: the last day of the month of the first anniversary of incorporation (s.391(4)).',
  })
  @IsOptional()
  @IsCalendarDate()
  accountingReferenceDate?: string;
}

export class EntityDatesDto {
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM-DD, or null while not recorded' }) incorporationDate!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM-DD, or null while not recorded' })
  accountingReferenceDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) legalForm!: string | null;
  @ApiProperty({ description: 'How many years of the yearly cycle have had their tasks created' }) cycleYearsCreated!: number;
}

export class CreateGrowthFinanceDto {
  @ApiProperty({ enum: GROWTH_FINANCE_KINDS })
  @IsIn(GROWTH_FINANCE_KINDS, { message: `kind must be one of: ${GROWTH_FINANCE_KINDS.join(', ')}` })
  kind!: GrowthFinanceKind;

  @ApiProperty({ minimum: 1, maximum: MAX_FINANCE_GBP, example: 250000, description: 'Whole pounds' })
  @IsInt({ message: 'amountGbp must be a whole number of pounds' })
  @Min(1, { message: 'amountGbp must be at least 1' })
  @Max(MAX_FINANCE_GBP, { message: `amountGbp must be at most ${MAX_FINANCE_GBP}` })
  amountGbp!: number;

  @ApiProperty({ example: 'Big Society Capital' })
  @Transform(trim)
  @IsString({ message: 'funder must be text' })
  @IsNotEmpty({ message: 'funder must not be empty' })
  @MaxLength(200)
  funder!: string;

  @ApiPropertyOptional({ example: 'A second clinic in the north of the county' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'purpose must be text' })
  @MaxLength(2000)
  purpose?: string;

  @ApiProperty({ enum: GROWTH_FINANCE_STATUSES, default: 'sought' })
  @IsOptional()
  @IsIn(GROWTH_FINANCE_STATUSES, { message: `status must be one of: ${GROWTH_FINANCE_STATUSES.join(', ')}` })
  status?: GrowthFinanceStatus;

  @ApiProperty({ example: '2028-05-01', description: 'YYYY-MM-DD, not in the future' })
  @IsCalendarDate()
  soughtOn!: string;

  @ApiPropertyOptional({
    example: '2028-09-15',
    description: 'YYYY-MM-DD, required when status is secured (and only then); not before soughtOn, not in the future',
  })
  @IsOptional()
  @IsCalendarDate()
  securedOn?: string;
}

export class UpdateGrowthFinanceDto {
  @ApiPropertyOptional({ enum: GROWTH_FINANCE_STATUSES })
  @IsOptional()
  @IsIn(GROWTH_FINANCE_STATUSES, { message: `status must be one of: ${GROWTH_FINANCE_STATUSES.join(', ')}` })
  status?: GrowthFinanceStatus;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_FINANCE_GBP,
    description: 'Whole pounds (the amount secured may differ from the amount sought)',
  })
  @IsOptional()
  @IsInt({ message: 'amountGbp must be a whole number of pounds' })
  @Min(1, { message: 'amountGbp must be at least 1' })
  @Max(MAX_FINANCE_GBP, { message: `amountGbp must be at most ${MAX_FINANCE_GBP}` })
  amountGbp?: number;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD; required when status becomes secured' })
  @IsOptional()
  @IsCalendarDate()
  securedOn?: string;
}

export class GrowthFinanceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty({ enum: GROWTH_FINANCE_KINDS }) kind!: GrowthFinanceKind;
  @ApiProperty({ type: 'integer' }) amountGbp!: number;
  @ApiProperty() funder!: string;
  @ApiProperty({ nullable: true, type: String }) purpose!: string | null;
  @ApiProperty({ enum: GROWTH_FINANCE_STATUSES }) status!: GrowthFinanceStatus;
  @ApiProperty() soughtOn!: string;
  @ApiProperty({ nullable: true, type: String }) securedOn!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedByUserId!: string | null;
  @ApiProperty({ description: 'ISO-8601 instant' }) recordedAt!: string;
}

export class GrowthFinanceAmountsDto {
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: 'integer', description: 'Whole pounds sought (every status)' }) soughtGbp!: number;
  @ApiProperty({ type: 'integer', description: 'Whole pounds secured' }) securedGbp!: number;
  @ApiProperty({ type: 'integer', description: 'Whole pounds declined' }) declinedGbp!: number;
}

export class GrowthFinanceListDto {
  @ApiProperty({ type: [GrowthFinanceDto] }) items!: GrowthFinanceDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: GrowthFinanceAmountsDto }) totals!: GrowthFinanceAmountsDto;
}

export class GrowthFinanceByKindDto {
  @ApiProperty({ type: GrowthFinanceAmountsDto }) loan!: GrowthFinanceAmountsDto;
  @ApiProperty({ type: GrowthFinanceAmountsDto }) social_investment!: GrowthFinanceAmountsDto;
  @ApiProperty({ type: GrowthFinanceAmountsDto }) community_shares!: GrowthFinanceAmountsDto;
  @ApiProperty({ type: GrowthFinanceAmountsDto }) grant!: GrowthFinanceAmountsDto;
}

export class GrowthFinanceTotalsDto {
  @ApiProperty({ type: GrowthFinanceAmountsDto }) all!: GrowthFinanceAmountsDto;
  @ApiProperty({ type: GrowthFinanceByKindDto, description: 'Every kind present, zeros when none' })
  byKind!: GrowthFinanceByKindDto;
  @ApiProperty({ type: 'integer', description: 'Journeys with at least one record' }) journeys!: number;
}
