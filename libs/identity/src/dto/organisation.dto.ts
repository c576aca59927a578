import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { BODY_TYPES, NATIONS, ORGANISATION_KINDS, type BodyType, type Nation, type OrganisationKind } from '@pathway/domain/vocabulary';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Aspire Sussex' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiPropertyOptional({ enum: NATIONS, default: 'england', description: 'The UK nation the organisation is in' })
  @IsOptional()
  @IsIn(NATIONS)
  nation?: Nation;

  @ApiPropertyOptional({ enum: BODY_TYPES, description: 'Parent bodies only: the kind of public body (400 on any other kind)' })
  @IsOptional()
  @IsIn(BODY_TYPES)
  bodyType?: BodyType;
}

/**
 * Changes an organisation's nation or body type. Journeys already planned keep their checklist:
 * the central team re-plans each one through its preview-and-confirm step.
 */
export class UpdateOrganisationDto {
  @ApiPropertyOptional({ example: 'Aspire Sussex' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: NATIONS })
  @IsOptional()
  @IsIn(NATIONS)
  nation?: Nation;

  @ApiPropertyOptional({ enum: BODY_TYPES, nullable: true, description: 'Parent bodies only; null clears it' })
  @IsOptional()
  @IsIn(BODY_TYPES)
  bodyType?: BodyType | null;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind!: OrganisationKind;
  @ApiProperty({ enum: NATIONS }) nation!: Nation;
  @ApiProperty({ enum: BODY_TYPES, nullable: true, description: 'Parent bodies only; null when not stated or not a parent body' })
  bodyType!: BodyType | null;
}

export class OrganisationListDto {
  @ApiProperty({ type: [OrganisationDto] }) items!: OrganisationDto[];
  @ApiProperty() total!: number;
}
