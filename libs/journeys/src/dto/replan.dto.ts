import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { BODY_TYPES, NATIONS } from '@pathway/domain/vocabulary';

export class ReplanQueryDto {
  @ApiPropertyOptional({ description: 'Template version to re-plan onto (default: the current one)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'templateVersion must be a whole number' })
  @Min(1)
  templateVersion?: number;
}

export class ConfirmReplanDto {
  @ApiProperty({ description: 'The journeyVersion the preview showed: 409 if the journey changed since' })
  @IsInt({ message: 'expectedVersion must be a whole number' })
  @Min(1)
  expectedVersion!: number;

  @ApiPropertyOptional({ description: 'Template version to re-plan onto (default: the current one)' })
  @IsOptional()
  @IsInt({ message: 'templateVersion must be a whole number' })
  @Min(1)
  templateVersion?: number;
}

export class ReplanFitDto {
  @ApiProperty() templateVersion!: number;
  @ApiProperty({ enum: NATIONS }) nation!: string;
  @ApiProperty({ enum: BODY_TYPES, nullable: true, type: String }) parentBodyType!: string | null;
}

export class ReplanTargetDto extends ReplanFitDto {
  @ApiProperty() staffCount!: number;
}

export class ReplanTaskDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty() phase!: string;
  @ApiProperty() workstream!: string;
  @ApiProperty() ownerParty!: string;
  @ApiProperty() mandatory!: boolean;
  @ApiProperty() statutory!: boolean;
  @ApiPropertyOptional({ description: 'Removed tasks: their status now (completed tasks stay completed)' }) status?: string;
}

export class ReplanPreviewDto {
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty({ description: 'Send back as expectedVersion to confirm' }) journeyVersion!: number;
  @ApiProperty({ type: ReplanFitDto }) from!: ReplanFitDto;
  @ApiProperty({ type: ReplanTargetDto }) to!: ReplanTargetDto;
  @ApiProperty({ type: [ReplanTaskDto] }) added!: ReplanTaskDto[];
  @ApiProperty({ type: [ReplanTaskDto] }) removed!: ReplanTaskDto[];
  @ApiProperty({ description: 'Tasks kept (their text, source and rules follow the new plan)' }) kept!: number;
  @ApiProperty() upToDate!: boolean;
}
