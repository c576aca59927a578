import { BadRequestError } from '@pathway/platform/errors/domain-errors';
import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, HttpCode, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import {
  AttachmentDto,
  AttachmentListDto,
  CommentDto,
  CommentListDto,
  CreateAttachmentDto,
  CreateCommentDto,
  PageQueryDto,
  presentAttachment,
  presentComment,
} from './evidence.dto';
import { UPLOAD_OPTIONS, type UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { MultipartFields } from '@pathway/platform/storage/multipart-fields.interceptor';
import { sendAttachment } from './send-attachment';
import { TaskAttachmentsService } from './task-attachments.service';
import { TaskCommentsService } from './task-comments.service';

@ApiTags('daily work')
@ApiBearerAuth()
@Controller('api')
export class EvidenceController {
  constructor(
    private readonly comments: TaskCommentsService,
    private readonly attachments: TaskAttachmentsService,
  ) {}

  @Post('journeys/:journeyId/tasks/:taskId/comments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Comment on a task (anyone who can see the journey); 1 to 5,000 characters' })
  @ApiCreatedResponse({ type: CommentDto })
  async addComment(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @UuidParam('taskId') taskId: string,
    @Body() body: CreateCommentDto,
  ): Promise<CommentDto> {
    return presentComment(await this.comments.add(me, journeyId, taskId, body.body));
  }

  @Get('journeys/:journeyId/tasks/:taskId/comments')
  @ApiOperation({ summary: 'A task’s comments, oldest first' })
  @ApiOkResponse({ type: CommentListDto })
  async listComments(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @UuidParam('taskId') taskId: string,
    @Query() page: PageQueryDto,
  ): Promise<CommentListDto> {
    const { items, total } = await this.comments.list(me, journeyId, taskId, page);
    return { items: items.map(presentComment), total };
  }

  @Post('journeys/:journeyId/tasks/:taskId/attachments')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file', UPLOAD_OPTIONS), MultipartFields)
  @ApiOperation({
    summary:
      'Attach evidence to a task: a file (multipart, field `file`, optional `title`; 20 MB, documents and images judged by content: 413/415) or a link (JSON { url, title })',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      oneOf: [
        {
          type: 'object',
          required: ['file'],
          properties: { file: { type: 'string', format: 'binary' }, title: { type: 'string', maxLength: 200 } },
        },
        {
          type: 'object',
          required: ['url'],
          properties: { url: { type: 'string', format: 'uri' }, title: { type: 'string', maxLength: 200 } },
        },
      ],
    },
  })
  @ApiCreatedResponse({ type: AttachmentDto })
  async addAttachment(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @UuidParam('taskId') taskId: string,
    @Body() body: CreateAttachmentDto,
    @UploadedFile() file: UploadedFileInput | undefined,
  ): Promise<AttachmentDto> {
    if (file && body.url !== undefined) {
      throw new BadRequestError(['url cannot be sent with a file: attach the file, or the link (url), one at a time']);
    }
    const row =
      file || body.url === undefined
        ? await this.attachments.addFile(me, journeyId, taskId, file, body)
        : await this.attachments.addLink(me, journeyId, taskId, body);
    return presentAttachment(row);
  }

  @Get('journeys/:journeyId/tasks/:taskId/attachments')
  @ApiOperation({ summary: 'A page of a task’s files and links, oldest first (limit 1 to 200, default 100; offset)' })
  @ApiOkResponse({ type: AttachmentListDto })
  async listAttachments(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @UuidParam('taskId') taskId: string,
    @Query() page: PageQueryDto,
  ): Promise<AttachmentListDto> {
    const { items, total } = await this.attachments.list(me, journeyId, taskId, page);
    return { items: items.map(presentAttachment), total };
  }

  @Get('attachments/:id')
  @ApiOperation({ summary: 'Download a file attached to a task (only for those who can see its journey; everyone else 404)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Res() res: Response): Promise<void> {
    await sendAttachment(res, await this.attachments.download(me, id));
  }
}
