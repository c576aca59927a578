import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendAttachment } from '../../../daily-work/src/send-attachment';
import { TaskAttachmentsService } from '../../../daily-work/src/task-attachments.service';
import { CurrentUser } from '../../../identity/src/auth.decorators';
import type { Principal } from '../../../identity/src/principal';
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
