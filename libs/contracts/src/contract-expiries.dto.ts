import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CONTRACT_OUTCOMES, CONTRACT_ROUTES } from '@pathway/domain/sustainability/contract-rules';
import { RENEWAL_TASK_KEYS } from '@pathway/domain/sustainability/renewal';
import { TASK_STATUSES } from '@pathway/domain/vocabulary';
import { PipelineFilterDto } from '@pathway/pipeline/dto/pipeline-query.dto';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class ContractExpiriesQueryDto extends PipelineFilterDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 120,
    default: 18,
    description: 'Contracts ending from today up to this many months ahead',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'withinMonths must be a whole number of months' })
  @Min(1, { message: 'withinMonths must be at least 1' })
  @Max(120, { message: 'withinMonths must be at most 120' })
  withinMonths?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must not be negative' })
  @Max(2_147_483_647, { message: 'offset is too large' })
  offset?: number;
}

export class ContractExpiryDto {
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty() journeyName!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: '2028-03-31' }) endDate!: string;
  @ApiProperty({ enum: CONTRACT_ROUTES }) route!: string;
  @ApiProperty() annualValueGbp!: number;
  @ApiProperty({
    enum: [...TASK_STATUSES, 'none'],
    description:
      'The status of the next open renewal task (planning, then the decision); completed once both are done; none if the contract has none',
  })
  renewalTaskStatus!: string;
  @ApiProperty({ enum: RENEWAL_TASK_KEYS, nullable: true, type: String }) renewalTaskKey!: string | null;
  @ApiProperty({ description: 'That renewal task is past its deadline' }) renewalTaskOverdue!: boolean;
  @ApiProperty({ enum: CONTRACT_OUTCOMES, nullable: true, type: String }) outcome!: string | null;
  @ApiProperty({ description: 'Days from today to the end date' }) daysToEnd!: number;
}

export class ContractExpiryListDto {
  @ApiProperty({ type: [ContractExpiryDto] }) items!: ContractExpiryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() withinMonths!: number;
}
