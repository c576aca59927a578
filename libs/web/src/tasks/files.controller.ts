import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendAttachment } from '@pathway/daily-work/send-attachment';
import { TaskAttachmentsService } from '@pathway/daily-work/task-attachments.service';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { WebController } from '../auth/web-controller.decorator';
import { WebIdPipe } from '../support/web-id.pipe';

/** `/files/:id`: a task's file for a signed-in party of its journey (the GOV.UK 404 page for anyone else). */
@WebController()
export class FilesController {
  constructor(private readonly attachments: TaskAttachmentsService) {}

  @Get('files/:id')
  async download(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Res() res: Response): Promise<void> {
    await sendAttachment(res, await this.attachments.download(user, id));
  }
}
