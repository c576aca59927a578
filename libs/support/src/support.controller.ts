import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { AdvisersService } from './advisers.service';
import { AdviserListDto, CreateSupportAwardDto, SetAdvisersDto, SupportAwardDto, SupportAwardListDto } from './dto/support.dto';
import { SupportAwardsService } from './support-awards.service';

@ApiTags('support')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such journey, or the caller may not see it' })
@Controller('api/journeys/:id')
export class SupportController {
  constructor(
    private readonly advisers: AdvisersService,
    private readonly awards: SupportAwardsService,
  ) {}

  @Get('advisers')
  @ApiOperation({ summary: 'The support providers assigned to advise the journey (anyone who can see the journey)' })
  @ApiOkResponse({ type: AdviserListDto })
  async listAdvisers(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<AdviserListDto> {
    const items = await this.advisers.list(me, id);
    return { items, total: items.length };
  }

  @Put('advisers')
  @ApiOperation({
    summary:
      'Replace the support providers whose advisers may see the journey, its tasks and history (central team). Each change is in the history.',
  })
  @ApiOkResponse({ type: AdviserListDto })
  @ApiForbiddenResponse({ description: 'Not the central team' })
  @ApiBadRequestResponse({ description: 'organisationIds[i] is not a support provider' })
  async setAdvisers(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: SetAdvisersDto): Promise<AdviserListDto> {
    const items = await this.advisers.set(me, id, body.organisationIds);
    return { items, total: items.length };
  }

  @Post('support-awards')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record support given to the journey: a grant, advice, mentoring or training, in whole pounds (central team)' })
  @ApiCreatedResponse({ type: SupportAwardDto })
  @ApiForbiddenResponse({ description: 'Not the central team' })
  @ApiBadRequestResponse({
    description: 'A bad field (negative or fractional amounts, unknown kind, endsOn before awardedOn, provider not a support provider)',
  })
  createAward(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: CreateSupportAwardDto): Promise<SupportAwardDto> {
    return this.awards.create(me, id, body);
  }

  @Get('support-awards')
  @ApiOperation({ summary: 'The support awarded to the journey, oldest first, with totals (anyone who can see the journey)' })
  @ApiOkResponse({ type: SupportAwardListDto })
  listAwards(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<SupportAwardListDto> {
    return this.awards.list(me, id);
  }
}
