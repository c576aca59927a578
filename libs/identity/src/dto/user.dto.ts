import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@pathway/domain/vocabulary';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'sam.lead@aspire.example' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Sam Lead' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ minLength: 12, description: 'Enables web sign-in; stored only as a slow hash' })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(200)
  password?: string;
}

/** A password reset asked for by address (the web's reset form): an address a user could have, by CreateUserDto's rule. */
export class PasswordResetRequestDto extends PickType(CreateUserDto, ['email'] as const) {}

/** Filters of GET /api/users; any other query parameter is 400. */
export class UserQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only users of this organisation' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID (query parameter)' })
  organisationId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ description: 'False once deactivated: the account can do nothing' }) active!: boolean;
  @ApiProperty({ description: 'Whether the user has a password (can sign in to the web pages)' }) hasPassword!: boolean;
}

/** `PATCH /api/users/:id`: any of the three. */
export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Sam Lead' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'Must belong to the kind of the user’s organisation' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates (tokens revoked, sessions ended, calendar feed gone); true reactivates' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class InvitationDto {
  @ApiProperty({ description: 'Whether the email was sent (false: no email channel is configured, or it refused)' }) emailed!: boolean;
  @ApiProperty() email!: string;
  @ApiProperty() expiresAt!: string;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty() total!: number;
}

export class MeDto extends OmitType(UserDto, ['active', 'hasPassword'] as const) {
  @ApiProperty() organisationName!: string;
  @ApiProperty() organisationKind!: string;
}

export class CreateTokenDto {
  @ApiPropertyOptional({ example: 'pipeline export script' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  label?: string;
}

export class CreatedTokenDto {
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) token!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class TokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() prefix!: string;
  @ApiProperty({ nullable: true, type: String }) label!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
}

export class TokenListDto {
  @ApiProperty({ type: [TokenDto] }) items!: TokenDto[];
  @ApiProperty() total!: number;
}
