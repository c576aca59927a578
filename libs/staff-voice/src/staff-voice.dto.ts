import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { BALLOT_METHODS, type BallotMethod } from '@pathway/domain/staff-voice/ballot';
import { SURVEY_STATEMENT_TEXT } from '@pathway/domain/staff-voice/survey';
import { IsCalendarDate, IsPgInt } from '@pathway/journeys/dto/validators';

const trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A staff ballot on the spin-out. Whether the counts add up and meet the threshold is the domain's rule. */
export class RecordBallotDto {
  @ApiProperty({ maxLength: 1000, example: 'Do you support the service leaving the council to become a staff-owned mutual?' })
  @trim()
  @IsString({ message: 'question must be text' })
  @MinLength(1, { message: 'question must not be empty' })
  @MaxLength(1000)
  question!: string;

  @ApiProperty({ example: '2027-03-12', description: 'The day the ballot closed: a calendar date, not in the future' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiProperty({ enum: BALLOT_METHODS, description: 'A show of hands is recorded but never meets the threshold' })
  @IsIn(BALLOT_METHODS, { message: `method must be one of: ${BALLOT_METHODS.join(', ')}` })
  method!: BallotMethod;

  @ApiProperty({ minimum: 1, maximum: 2147483647, description: 'Staff entitled to vote' })
  @IsPgInt({ min: 1 })
  eligible!: number;

  @ApiProperty({ minimum: 0, maximum: 2147483647 }) @IsPgInt() votesFor!: number;
  @ApiProperty({ minimum: 0, maximum: 2147483647 }) @IsPgInt() votesAgainst!: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 2147483647, default: 0, description: 'Votes cast for neither (count towards turnout)' })
  @IsOptional()
  @IsPgInt()
  abstentions?: number;

  @ApiPropertyOptional({
    maxLength: 200,
    nullable: true,
    description: 'Who counted the votes, if independent (e.g. Civica Election Services)',
  })
  @IsOptional()
  @trim()
  @IsString({ message: 'independentScrutineer must be text' })
  @MaxLength(200)
  independentScrutineer?: string | null;
}

export class StaffBallotDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ example: '2027-03-12' }) heldOn!: string;
  @ApiProperty({ enum: BALLOT_METHODS }) method!: string;
  @ApiProperty() eligible!: number;
  @ApiProperty() votesFor!: number;
  @ApiProperty() votesAgainst!: number;
  @ApiProperty() abstentions!: number;
  @ApiProperty({ nullable: true, type: String }) independentScrutineer!: string | null;
  @ApiProperty({ minimum: 0, maximum: 1, description: '(votesFor + votesAgainst + abstentions) / eligible, a fraction 0..1' })
  turnout!: number;
  @ApiProperty({
    minimum: 0,
    maximum: 1,
    description: 'votesFor / (votesFor + votesAgainst), a fraction 0..1 (0 when nobody voted either way)',
  })
  supportShare!: number;
  @ApiProperty({
    description: "Whether the ballot meets the journey's staffSupportThreshold (compared exactly; a show of hands never does)",
  })
  meetsThreshold!: boolean;
  @ApiProperty({ format: 'uuid' }) recordedByUserId!: string;
  @ApiProperty() recordedAt!: string;
}

export class StaffSupportThresholdDto {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.5 }) minTurnout!: number;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.5 }) minSupportShare!: number;
}

export class StaffSupportWaiverDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) waivedByUserId!: string;
  @ApiProperty() waivedAt!: string;
}

export class StaffSupportDto {
  @ApiProperty({ type: StaffSupportThresholdDto }) threshold!: StaffSupportThresholdDto;
  @ApiProperty({ description: 'The latest ballot meets the threshold, or the condition is waived' }) met!: boolean;
  @ApiProperty({ type: StaffSupportWaiverDto, nullable: true }) waiver!: StaffSupportWaiverDto | null;
}

export class StaffBallotListDto {
  @ApiProperty({ type: [StaffBallotDto], description: 'Latest first (the latest held decides the condition)' }) items!: StaffBallotDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ type: StaffSupportDto }) staffSupport!: StaffSupportDto;
}

export class WaiveStaffSupportDto {
  @ApiProperty({
    maxLength: 2000,
    example: 'Staff were consulted through the recognised unions; a ballot is not possible before the council meeting',
  })
  @trim()
  @IsString({ message: 'reason must be text' })
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(2000)
  reason!: string;
}

/** A share 0..1 (nested: class-validator prefixes the messages with `agreement.`). */
function Share(name: string): PropertyDecorator {
  const decorators = [
    IsDefined({ message: `${name} is required` }),
    IsNumber(
      { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 },
      { message: `${name} must be a number (at most 3 decimal places)` },
    ),
    Min(0, { message: `${name} must be a share from 0 to 1` }),
    Max(1, { message: `${name} must be a share from 0 to 1` }),
  ];
  return (target, key) => {
    for (const d of decorators) d(target, key);
  };
}

/** Shares 0..1 of respondents who agree with each fixed statement (0.62 is 62%). */
export class SurveyAgreementDto {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.41, description: SURVEY_STATEMENT_TEXT.understand_pension })
  @Share('understand_pension')
  understand_pension!: number;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.58, description: SURVEY_STATEMENT_TEXT.support_spin_out })
  @Share('support_spin_out')
  support_spin_out!: number;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.22, description: SURVEY_STATEMENT_TEXT.morale_good })
  @Share('morale_good')
  morale_good!: number;
}

export class RecordSurveyDto {
  @ApiProperty({ example: '2027-02-01', description: 'The day the survey closed: not in the future' })
  @IsCalendarDate()
  heldOn!: string;
  @ApiProperty({ minimum: 1, maximum: 2147483647, description: 'Staff who answered (at most eligible)' })
  @IsPgInt({ min: 1 })
  respondents!: number;
  @ApiProperty({ minimum: 1, maximum: 2147483647, description: 'Staff asked' }) @IsPgInt({ min: 1 }) eligible!: number;
  @ApiProperty({
    type: SurveyAgreementDto,
    description: 'Shares (fractions 0..1, not percentages) of respondents agreeing with each statement',
  })
  @IsDefined({ message: 'agreement is required' })
  @ValidateNested()
  @Type(() => SurveyAgreementDto)
  agreement!: SurveyAgreementDto;
}

export class StaffSurveyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty({ example: '2027-02-01' }) heldOn!: string;
  @ApiProperty() respondents!: number;
  @ApiProperty() eligible!: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'respondents / eligible' }) responseRate!: number;
  @ApiProperty({ type: SurveyAgreementDto }) agreement!: SurveyAgreementDto;
  @ApiProperty({ format: 'uuid' }) recordedByUserId!: string;
  @ApiProperty() recordedAt!: string;
}

export class StaffSurveyListDto {
  @ApiProperty({ type: [StaffSurveyDto], description: 'Oldest first (a trend)' }) items!: StaffSurveyDto[];
  @ApiProperty() total!: number;
}
