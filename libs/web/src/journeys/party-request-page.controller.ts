import { Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { PartyRequestsService } from '@pathway/right-to-provide/party-requests.service';
import { WebController } from '../auth/web-controller.decorator';
import { setFlash } from '../support/flash';
import { WebIdPipe } from '../support/web-id.pipe';

/** The named parent body says an unconfirmed journey is not theirs (PartyRequestsService.reject). */
@WebController('journeys')
export class PartyRequestPageController {
  constructor(private readonly requests: PartyRequestsService) {}

  @Post(':id/parent-body/reject')
  async reject(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.requests.reject(user, id);
    setFlash(req, { heading: 'Request removed', text: 'The mutual has been told your organisation is not its parent body.' });
    res.redirect(303, '/');
  }
}
