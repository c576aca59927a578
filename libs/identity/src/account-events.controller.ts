import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { AccessPolicy } from './access-policy';
import { ACCOUNT_ACTIONS, AccountAudit, type AccountEventRow } from './account-audit';
import { CurrentUser } from './auth.decorators';
import type { Principal } from './principal';

export class AccountEventQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'userId must be a UUID' }) userId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  offset?: number;
}

export class AccountEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ enum: ACCOUNT_ACTIONS }) action!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId!: string | null;
  @ApiProperty({ nullable: true, type: String }) userEmail!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId!: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationName!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

export class AccountEventListDto {
  @ApiProperty({ type: [AccountEventDto] }) items!: AccountEventDto[];
  @ApiProperty() total!: number;
}

export const presentAccountEvent = (e: AccountEventRow): AccountEventDto => ({
  id: e.id,
  at: new Date(e.at).toISOString(),
  action: e.action,
  actorUserId: e.actorUserId,
  actorName: e.actorName,
  userId: e.userId,
  userEmail: e.userEmail,
  organisationId: e.organisationId,
  organisationName: e.organisationName,
  data: e.data,
});

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/account-events')
export class AccountEventsController {
  constructor(private readonly audit: AccountAudit) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail of account changes, newest first (central team admins)' })
  @ApiOkResponse({ type: AccountEventListDto })
  async list(@CurrentUser() me: Principal, @Query() query: AccountEventQueryDto): Promise<AccountEventListDto> {
    AccessPolicy.assertCentralAdmin(me);
    const { items, total } = await this.audit.list(query);
    return { items: items.map(presentAccountEvent), total };
  }
}
