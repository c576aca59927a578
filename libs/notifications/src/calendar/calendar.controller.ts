import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { EnvConfig } from '@pathway/platform/config/env';
import { NotFoundError } from '@pathway/platform/errors/domain-errors';
import { CalendarFeedService } from './calendar-feed.service';

export class CalendarFeedDto {
  @ApiProperty({
    example: 'https://pathway.example.gov.uk/calendar/3q2-f6...ics',
    description:
      'Subscribe to this URL in Outlook (“Add calendar” → “Subscribe from web”). Keep it private: anyone with it can read the feed.',
  })
  url!: string;
}

@ApiTags('notifications')
@Controller()
export class CalendarController {
  constructor(
    private readonly feeds: CalendarFeedService,
    private readonly config: EnvConfig,
  ) {}

  @Get('calendar/:key.ics')
  @Public()
  @ApiOperation({
    summary: 'A user’s iCalendar feed of the open deadlines their organisation owns (the unguessable key is the credential)',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar (RFC 5545) document', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'No user has this calendar key' })
  async feed(@Param('key') key: string, @Res() res: Response): Promise<void> {
    const body = await this.feeds.feedFor(key);
    if (body === null) throw new NotFoundError('Calendar');
    res
      .status(200)
      .set({
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': 'inline; filename="pathway-deadlines.ics"',
        'Cache-Control': 'private, max-age=300',
      })
      .send(body);
  }

  @Get('api/me/calendar')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The URL of the caller’s calendar feed' })
  @ApiOkResponse({ type: CalendarFeedDto })
  async mine(@CurrentUser() me: Principal, @Req() req: Request): Promise<CalendarFeedDto> {
    return { url: this.urlFor(await this.feeds.keyOf(me.id), req) };
  }

  @Post('api/me/calendar/rotate')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Replace the caller’s calendar feed URL (the old one stops working)' })
  @ApiOkResponse({ type: CalendarFeedDto })
  async rotate(@CurrentUser() me: Principal, @Req() req: Request): Promise<CalendarFeedDto> {
    return { url: this.urlFor(await this.feeds.rotateKey(me.id), req) };
  }

  private urlFor(key: string, req: Request): string {
    const base = this.config.PUBLIC_URL?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;
    return `${base}/calendar/${key}.ics`;
  }
}
