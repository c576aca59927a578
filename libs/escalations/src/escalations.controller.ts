import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, HttpCode, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { UPLOAD_OPTIONS, type UploadedFileInput } from '@pathway/platform/storage/checked-upload';
import { MultipartFields } from '@pathway/platform/storage/multipart-fields.interceptor';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import {
  EscalateDto,
  EscalationDto,
  EscalationListDto,
  EscalationQueryDto,
  presentEscalation,
  RaiseConcernDto,
  ResolveEscalationDto,
} from './escalation.dto';
import { EscalationsService } from './escalations.service';

@ApiTags('escalations')
@ApiBearerAuth()
@Controller('api')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Post('journeys/:id/escalations')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Raise a concern on a journey (any of its parties); conflictOfInterest starts at the independent arbiter; confidential goes to the central team with the raiser hidden from the other parties',
  })
  @ApiCreatedResponse({ type: EscalationDto })
  async raise(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: RaiseConcernDto): Promise<EscalationDto> {
    return presentEscalation(await this.escalations.withDecideBy(await this.escalations.raiseConcern(me, id, body)), me);
  }

  @Get('escalations')
  @ApiOperation({ summary: 'Escalations the caller may see, oldest first' })
  @ApiOkResponse({ type: EscalationListDto })
  async list(@CurrentUser() me: Principal, @Query() query: EscalationQueryDto): Promise<EscalationListDto> {
    const items = await this.escalations.withDecideByAll(await this.escalations.list(me, query));
    return { items: items.map((e) => presentEscalation(e, me)), total: items.length };
  }

  @Get('escalations/:id')
  @ApiOkResponse({ type: EscalationDto })
  async get(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<EscalationDto> {
    return presentEscalation(await this.escalations.withDecideBy(await this.escalations.get(me, id)), me);
  }

  @Post('escalations/:id/escalate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Raise to the next level (users of the assigned organisation) with a reason; 409 at the last level' })
  @ApiOkResponse({ type: EscalationDto })
  async escalate(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: EscalateDto): Promise<EscalationDto> {
    return presentEscalation(await this.escalations.withDecideBy(await this.escalations.escalate(me, id, body.reason)), me);
  }

  @Post('escalations/:id/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Resolve (users of the assigned organisation); appeals need outcome upheld or dismissed. Optional conditions, and one file when sent as multipart/form-data (field `file`)',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiOkResponse({ type: EscalationDto })
  @ApiPayloadTooLargeResponse({ description: 'The file is over 20 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'The file’s contents are not an allowed document or image type' })
  @UseInterceptors(FileInterceptor('file', UPLOAD_OPTIONS), MultipartFields)
  async resolve(
    @CurrentUser() me: Principal,
    @UuidParam('id') id: string,
    @Body() body: ResolveEscalationDto,
    @UploadedFile() file: UploadedFileInput | undefined,
  ): Promise<EscalationDto> {
    return presentEscalation(await this.escalations.withDecideBy(await this.escalations.resolve(me, id, body, file)), me);
  }
}
