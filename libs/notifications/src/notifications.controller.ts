import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { LimitParam, OffsetParam } from '@pathway/journeys/dto/validators';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { NOTIFICATION_TYPES } from '@pathway/domain/vocabulary';
import type { NotificationEntity } from './notification.entity';
import { NotificationsService } from './notifications.service';

export class NotificationQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @LimitParam(200, 50)
  limit?: number;

  @OffsetParam()
  offset?: number;
}

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) journeyId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) taskId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) escalationId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) readAt!: string | null;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'How many notifications were marked read' }) marked!: number;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Unread notifications in all' }) unread!: number;
}

export const presentNotification = (n: NotificationEntity): NotificationDto => ({
  id: n.id,
  type: n.type,
  journeyId: n.journeyId,
  taskId: n.taskId,
  escalationId: n.escalationId,
  title: n.title,
  body: n.body,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s own notifications, newest first' })
  @ApiOkResponse({ type: NotificationListDto })
  async list(@CurrentUser() me: Principal, @Query() query: NotificationQueryDto): Promise<NotificationListDto> {
    const { items, total, unread } = await this.notifications.list(me.id, {
      unreadOnly: query.unread,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: items.map(presentNotification), total, unread };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller’s notifications read' })
  @ApiOkResponse({ type: NotificationDto })
  async read(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<NotificationDto> {
    return presentNotification(await this.notifications.markRead(me.id, id));
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all the caller’s notifications read' })
  @ApiOkResponse({ type: MarkedReadDto })
  async readAll(@CurrentUser() me: Principal): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(me.id) };
  }
}
