import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { JourneyReplanService } from '@pathway/journeys/journey-replan.service';
import { ConflictError } from '@pathway/platform/errors/domain-errors';
import { WebController } from '../auth/web-controller.decorator';
import { setFlash } from '../support/flash';
import { WebIdPipe } from '../support/web-id.pipe';
import { expectedVersionFrom } from './journey-actions';
import { journeyPath } from './journey-page.service';

/**
 * The central team's re-plan of a journey's checklist (`/journeys/:id/replan`): the tasks that
 * would be added and removed, and a button to confirm exactly that (a stale page gets 409 and the
 * fresh preview). The rule lives in JourneyReplanService.
 */
@WebController('journeys')
export class ReplanPageController {
  constructor(private readonly replan: JourneyReplanService) {}

  @Get(':id/replan')
  async page(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Res() res: Response): Promise<void> {
    const preview = await this.replan.preview(user, id);
    res.render('journeys/replan', { pageTitle: 'Re-plan the checklist', preview, journeyHref: journeyPath(id) });
  }

  @Post(':id/replan')
  async confirm(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const expectedVersion = expectedVersionFrom(body);
    try {
      if (expectedVersion === undefined) throw new ConflictError('The page was out of date');
      const done = await this.replan.confirm(user, id, { expectedVersion });
      setFlash(req, {
        heading: 'Checklist re-planned',
        text: `${done.added.length} tasks added, ${done.removed.length} removed (template version ${done.to.templateVersion}).`,
      });
      res.redirect(303, journeyPath(id));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const preview = await this.replan.preview(user, id);
      res.status(409).render('journeys/replan', { pageTitle: 'Re-plan the checklist', preview, journeyHref: journeyPath(id), stale: true });
    }
  }
}
