import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CONTRACT_OUTCOMES, CONTRACT_ROUTES } from '@pathway/domain/sustainability/contract-rules';
import { RENEWAL_TASK_KEYS } from '@pathway/domain/sustainability/renewal';
import { TASK_STATUSES } from '@pathway/domain/vocabulary';
import { IsCalendarDate } from '@pathway/journeys/dto/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateContractDto {
  @ApiProperty({ example: 'Community health services 2027–2032' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(200)
  title!: string;

  @ApiProperty({ format: 'uuid', description: 'The contracting authority: an organisation of kind commissioner' })
  @IsUUID('all', { message: 'commissionerId must be a UUID' })
  commissionerId!: string;

  @ApiProperty({ example: '2027-04-01' })
  @IsCalendarDate()
  startDate!: string;

  @ApiProperty({ example: '2032-03-31', description: 'The last day of the contract; on or after startDate' })
  @IsCalendarDate()
  endDate!: string;

  @ApiPropertyOptional({
    example: '2027-02-15',
    description: 'The day the contract was awarded (defaults to startDate); the s.33 lock-out counts from it',
  })
  @IsOptional()
  @IsCalendarDate()
  awardedOn?: string;

  @ApiProperty({ example: 12500000, minimum: 0 })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: 'annualValueGbp must be a number of pounds (at most 2 decimal places)' },
  )
  @Min(0, { message: 'annualValueGbp must not be negative' })
  @Max(999_999_999_999, { message: 'annualValueGbp is too large' })
  annualValueGbp!: number;

  @ApiProperty({ enum: CONTRACT_ROUTES })
  @IsIn(CONTRACT_ROUTES, { message: `route must be one of: ${CONTRACT_ROUTES.join(', ')}` })
  route!: (typeof CONTRACT_ROUTES)[number];

  @ApiPropertyOptional({ minimum: 0, maximum: 120, nullable: true, description: 'Months the commissioner may extend by, in total' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt({ message: 'extensionMonths must be a whole number of months' })
  @Min(0, { message: 'extensionMonths must not be negative' })
  @Max(120, { message: 'extensionMonths must be at most 120' })
  extensionMonths?: number | null;
}

export class UpdateContractDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'title must not be empty' })
  @MaxLength(200)
  title?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'commissionerId must be a UUID' })
  commissionerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() startDate?: string;
  @ApiPropertyOptional({ description: 'Moving the end date moves the renewal tasks (unless their deadline was set by hand)' })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() awardedOn?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: 'annualValueGbp must be a number of pounds (at most 2 decimal places)' },
  )
  @Min(0, { message: 'annualValueGbp must not be negative' })
  @Max(999_999_999_999, { message: 'annualValueGbp is too large' })
  annualValueGbp?: number;

  @ApiPropertyOptional({ enum: CONTRACT_ROUTES })
  @IsOptional()
  @IsIn(CONTRACT_ROUTES, { message: `route must be one of: ${CONTRACT_ROUTES.join(', ')}` })
  route?: (typeof CONTRACT_ROUTES)[number];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt({ message: 'extensionMonths must be a whole number of months' })
  @Min(0, { message: 'extensionMonths must not be negative' })
  @Max(120, { message: 'extensionMonths must be at most 120' })
  extensionMonths?: number | null;

  @ApiPropertyOptional({
    enum: CONTRACT_OUTCOMES,
    description: 'How the contract continued: completes its renewal tasks; lost puts the journey at risk on the pipeline',
  })
  @IsOptional()
  @IsIn(CONTRACT_OUTCOMES, { message: `outcome must be one of: ${CONTRACT_OUTCOMES.join(', ')}` })
  outcome?: (typeof CONTRACT_OUTCOMES)[number];

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(2000) outcomeNote?: string;
}

export class ContractWarningDto {
  @ApiProperty({ example: 'term_under_5_years' }) code!: string;
  @ApiProperty() message!: string;
}

export class RenewalTaskRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RENEWAL_TASK_KEYS }) key!: string;
  @ApiProperty({ enum: TASK_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) dueDate!: string | null;
}

export class ContractDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) commissionerId!: string;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiProperty() awardedOn!: string;
  @ApiProperty({ description: 'Whole months from startDate to the day after endDate' }) termMonths!: number;
  @ApiProperty() annualValueGbp!: number;
  @ApiProperty({ enum: CONTRACT_ROUTES }) route!: string;
  @ApiProperty({ nullable: true, type: Number }) extensionMonths!: number | null;
  @ApiProperty({ description: 'The first contract of the journey: the award_first_contract and sign_first_contract tasks link to it' })
  firstContract!: boolean;
  @ApiProperty({ enum: CONTRACT_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeRecordedAt!: string | null;
  @ApiProperty({ type: [RenewalTaskRefDto] }) renewalTasks!: RenewalTaskRefDto[];
  @ApiProperty({ type: [ContractWarningDto] }) warnings!: ContractWarningDto[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ContractListDto {
  @ApiProperty({ type: [ContractDto] }) items!: ContractDto[];
  @ApiProperty() total!: number;
}
