import { Get, Render } from '@nestjs/common';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { WebController } from '../auth/web-controller.decorator';
import { StartPageService } from './start-page.service';

/** `/`: the signed-in user's own start page. */
@WebController()
export class StartController {
  constructor(private readonly startPages: StartPageService) {}

  @Get()
  @Render('start')
  async start(@CurrentUser() user: Principal) {
    return { pageTitle: 'Home', ...(await this.startPages.forPrincipal(user)) };
  }
}
