import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNumber, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { PG_INT_MAX } from '@pathway/domain/bounds/bounds';
import { MAX_INCOME_GBP } from '@pathway/domain/sustainability/results';
import { SERVICE_AREAS } from '@pathway/domain/vocabulary';

const num = (name: string) =>
  IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 },
    { message: `${name} must be a number (at most 3 decimal places)` },
  );
const nullable = () => ValidateIf((_o, v) => v !== null && v !== undefined);

/** The figures for one period. Ranges (percentages 0–100, nothing negative) are the domain's `figureProblems`. */
export class PutResultsDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    nullable: true,
    example: 3.5,
    description: 'Staff leaving in the year, % of average headcount',
  })
  @IsOptional()
  @nullable()
  @num('staffTurnoverPct')
  staffTurnoverPct?: number | null;
  @ApiPropertyOptional({ minimum: 0, nullable: true, example: 6.2, description: 'Days lost to sickness per full-time equivalent' })
  @IsOptional()
  @nullable()
  @num('sicknessDaysPerFte')
  sicknessDaysPerFte?: number | null;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true })
  @IsOptional()
  @nullable()
  @num('staffSatisfactionPct')
  staffSatisfactionPct?: number | null;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true })
  @IsOptional()
  @nullable()
  @num('serviceUserSatisfactionPct')
  serviceUserSatisfactionPct?: number | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: PG_INT_MAX, nullable: true })
  @IsOptional()
  @nullable()
  @num('staffCount')
  staffCount?: number | null;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_INCOME_GBP, nullable: true, description: 'Income in the year, pounds' })
  @IsOptional()
  @nullable()
  @num('incomeGbp')
  incomeGbp?: number | null;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, nullable: true, description: 'Staff who are members (owners) of the mutual, %' })
  @IsOptional()
  @nullable()
  @num('staffMembershipPct')
  staffMembershipPct?: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'The social value delivered, in words (Public Services (Social Value) Act 2012)' })
  @IsOptional()
  @nullable()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'socialValue must be text' })
  @MaxLength(5000)
  socialValue?: string | null;
}

export class ResultItemDto {
  @ApiProperty({ example: '2027-28', description: 'baseline or a financial year YYYY-YY' }) period!: string;
  @ApiProperty({ nullable: true, type: Number }) staffTurnoverPct!: number | null;
  @ApiProperty({ nullable: true, type: Number }) sicknessDaysPerFte!: number | null;
  @ApiProperty({ nullable: true, type: Number }) staffSatisfactionPct!: number | null;
  @ApiProperty({ nullable: true, type: Number }) serviceUserSatisfactionPct!: number | null;
  @ApiProperty({ nullable: true, type: Number }) staffCount!: number | null;
  @ApiProperty({ nullable: true, type: Number }) incomeGbp!: number | null;
  @ApiProperty({ nullable: true, type: Number }) staffMembershipPct!: number | null;
  @ApiProperty({ nullable: true, type: String }) socialValue!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedByUserId!: string | null;
  @ApiProperty() recordedAt!: string;
}

export class MeasureComparisonDto {
  @ApiProperty() baseline!: number;
  @ApiProperty() latest!: number;
  @ApiProperty({ example: '2028-29' }) latestPeriod!: string;
  @ApiProperty({ description: 'latest − baseline (percentage points for percentages)' }) change!: number;
}

export class JourneyResultsDto {
  @ApiProperty({ type: [ResultItemDto], description: 'baseline first, then financial years in order' }) items!: ResultItemDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/MeasureComparisonDto' },
    description: 'Per measure with a baseline and a yearly figure',
  })
  comparison!: Record<string, MeasureComparisonDto>;
}

export class MeasureMediansDto {
  @ApiProperty({ description: 'Journeys with a baseline and at least one yearly figure for this measure' }) journeys!: number;
  @ApiProperty({ nullable: true, type: Number }) medianBaseline!: number | null;
  @ApiProperty({ nullable: true, type: Number }) medianLatest!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The median of each journey’s change (not the difference of the medians)' })
  medianChange!: number | null;
}

export class ServiceAreaResultsDto {
  @ApiProperty({ description: 'Journeys of this area with a baseline and at least one year' }) journeys!: number;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/MeasureMediansDto' } }) measures!: Record<
    string,
    MeasureMediansDto
  >;
}

export class PipelineResultsDto {
  @ApiProperty({ description: 'Journeys with a baseline and at least one year' }) journeys!: number;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/MeasureMediansDto' } }) measures!: Record<
    string,
    MeasureMediansDto
  >;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ServiceAreaResultsDto' },
    description: `Keyed by service area: ${SERVICE_AREAS.join(', ')}`,
  })
  byServiceArea!: Record<string, ServiceAreaResultsDto>;
}
