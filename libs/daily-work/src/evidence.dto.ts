import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { LimitParam, OffsetParam } from '@pathway/journeys/dto/validators';
import type { AttachmentRow, CommentRow } from './evidence.repository';

export class CreateCommentDto {
  @ApiProperty({ example: 'Staff list sent to the new employer on 3 March', description: '1 to 5,000 characters' })
  @IsString({ message: 'body must be a comment of at least one character' })
  body!: string;
}

export class CommentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'uuid' }) authorUserId!: string;
  @ApiProperty({ nullable: true, type: String }) authorName!: string | null;
  @ApiProperty() createdAt!: string;
}

export class CommentListDto {
  @ApiProperty({ type: [CommentDto] }) items!: CommentDto[];
  @ApiProperty() total!: number;
}

export class PageQueryDto {
  @LimitParam(200, 100)
  limit?: number;
  @OffsetParam()
  offset?: number;
}

/** JSON `{ url, title }` for a link; with multipart/form-data, `file` and an optional `title`. */
export class CreateAttachmentDto {
  @ApiPropertyOptional({
    example: 'https://www.gov.uk/government/publications/fair-deal-guidance',
    description: 'A link (http or https); omit when uploading a file',
  })
  @IsOptional()
  @IsString({ message: 'url must be a web address starting http:// or https://' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: 'Signed measures letter', description: 'Up to 200 characters; defaults to the file name or the link' })
  @IsOptional()
  @IsString()
  title?: string;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['file', 'link'] }) kind!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ description: 'The link; for a file, where to download it (GET /api/attachments/:id)' }) url?: string;
  @ApiPropertyOptional({ description: 'Judged from the file’s contents' }) contentType?: string;
  @ApiPropertyOptional() sizeBytes?: number;
  @ApiPropertyOptional() fileName?: string;
  @ApiProperty({ format: 'uuid' }) uploadedByUserId!: string;
  @ApiProperty({ nullable: true, type: String }) uploadedByName!: string | null;
  @ApiProperty() createdAt!: string;
}

export class AttachmentListDto {
  @ApiProperty({ type: [AttachmentDto] }) items!: AttachmentDto[];
  @ApiProperty() total!: number;
}

export const presentComment = (c: CommentRow): CommentDto => ({
  id: c.id,
  body: c.body,
  authorUserId: c.authorUserId,
  authorName: c.authorName,
  createdAt: new Date(c.createdAt).toISOString(),
});

export const presentAttachment = (a: AttachmentRow): AttachmentDto => ({
  id: a.id,
  kind: a.kind,
  title: a.title,
  ...(a.kind === 'link'
    ? { url: a.url! }
    : { url: `/api/attachments/${a.id}`, contentType: a.contentType!, sizeBytes: Number(a.sizeBytes), fileName: a.fileName ?? undefined }),
  uploadedByUserId: a.uploadedByUserId,
  uploadedByName: a.uploadedByName,
  createdAt: new Date(a.createdAt).toISOString(),
});
