import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { LimitParam, OffsetParam } from '@pathway/journeys/dto/validators';
import { EmailOutbox } from './email/email-outbox';

const STATUSES = ['failed', 'retrying'] as const;

export class EmailDeliveryQueryDto {
  @ApiPropertyOptional({
    enum: STATUSES,
    default: 'failed',
    description: 'failed: given up for good; retrying: not yet sent, next attempt scheduled',
  })
  @IsOptional()
  @IsIn(STATUSES, { message: `status must be one of: ${STATUSES.join(', ')}` })
  status?: (typeof STATUSES)[number];

  @LimitParam(200, 50)
  limit?: number;

  @OffsetParam()
  offset?: number;
}

export class EmailDeliveryDto {
  @ApiProperty({ format: 'uuid' }) notificationId!: string;
  @ApiProperty({ format: 'email' }) to!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) failedAt!: string | null;
}

export class EmailDeliveryListDto {
  @ApiProperty({ type: [EmailDeliveryDto] }) items!: EmailDeliveryDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Central-team admins see the emails that could not be delivered (and why), and those still being retried. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/email-deliveries')
export class EmailDeliveriesController {
  constructor(private readonly outbox: EmailOutbox) {}

  @Get()
  @ApiOperation({
    summary: 'Emails given up (a permanent refusal, or still failing after the retry window) or still being retried (central team admins)',
  })
  @ApiOkResponse({ type: EmailDeliveryListDto })
  async list(@CurrentUser() me: Principal, @Query() query: EmailDeliveryQueryDto): Promise<EmailDeliveryListDto> {
    AccessPolicy.assertCentralAdmin(me);
    const { items, total } = await this.outbox.deliveries(query.status ?? 'failed', query.limit ?? 50, query.offset ?? 0);
    return {
      items: items.map((r) => ({ ...r, createdAt: iso(r.createdAt)!, nextAttemptAt: iso(r.nextAttemptAt), failedAt: iso(r.failedAt) })),
      total,
    };
  }
}
