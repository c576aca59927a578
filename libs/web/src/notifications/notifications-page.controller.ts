import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { notificationHref } from '@pathway/notifications/notification-links';
import { NotificationsService } from '@pathway/notifications/notifications.service';
import { WebController } from '../auth/web-controller.decorator';
import { setFlash, takeFlash } from '../support/flash';
import { WebIdPipe } from '../support/web-id.pipe';

export const NOTIFICATIONS_PER_PAGE = 25;

function pageNumber(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

/** `/notifications`: the person's own notifications, newest first, with mark read and mark all read (NotificationsService). */
@WebController('notifications')
export class NotificationsPageController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  async list(@CurrentUser() user: Principal, @Query('page') rawPage: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = pageNumber(rawPage);
    const { items, total, unread } = await this.notifications.list(user.id, {
      limit: NOTIFICATIONS_PER_PAGE,
      offset: (page - 1) * NOTIFICATIONS_PER_PAGE,
    });
    const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
    res.render('notifications/index', {
      pageTitle: 'Notifications',
      flash: takeFlash(req),
      unread,
      total,
      page,
      notifications: items.map((n) => ({
        id: n.id,
        type: n.type,
        title: n.title,
        body: n.body,
        createdAt: n.createdAt,
        read: !!n.readAt,
        href: notificationHref(n, user),
      })),
      pagination:
        pages > 1
          ? {
              previous: page > 1 ? { href: `/notifications?page=${page - 1}` } : undefined,
              next: page < pages ? { href: `/notifications?page=${page + 1}` } : undefined,
              items: Array.from({ length: pages }, (_, i) => ({
                number: i + 1,
                href: `/notifications?page=${i + 1}`,
                current: i + 1 === page,
              })),
            }
          : null,
    });
  }

  @Post('read-all')
  async readAll(@CurrentUser() user: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const marked = await this.notifications.markAllRead(user.id);
    setFlash(req, { heading: marked === 1 ? '1 notification marked as read' : `${marked} notifications marked as read` });
    res.redirect(303, '/notifications');
  }

  @Post(':id/read')
  async read(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const n = await this.notifications.markRead(user.id, id);
    setFlash(req, { heading: 'Notification marked as read', text: n.title });
    res.redirect(303, '/notifications');
  }
}
