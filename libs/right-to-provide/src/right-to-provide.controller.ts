import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { UuidParam } from '@pathway/platform/http/uuid-param';
import { DECLINE_GROUND_CATALOGUE, declineGroundCatalogueFor } from './decline-grounds.catalogue';
import {
  DeclineGroundListDto,
  DeclineGroundsQueryDto,
  RightToProvideQueryDto,
  RightToProvideRequestDto,
  RightToProvideRequestListDto,
} from './right-to-provide.dto';
import { RightToProvideService } from './right-to-provide.service';

@ApiTags('right to provide')
@ApiBearerAuth()
@Controller('api')
export class RightToProvideController {
  constructor(private readonly requests: RightToProvideService) {}

  @Get('right-to-provide-requests')
  @ApiOperation({
    summary: 'Parent body officers: the Right to Provide expressions of interest addressed to their organisation',
    description: 'Awaiting a response first (soonest deadline first), then the rest, newest first. Other roles: 403.',
  })
  @ApiOkResponse({ type: RightToProvideRequestListDto })
  @ApiForbiddenResponse({ description: 'The caller is not a parent body officer' })
  async list(@CurrentUser() me: Principal, @Query() query: RightToProvideQueryDto): Promise<RightToProvideRequestListDto> {
    const items = await this.requests.list(me, { status: query.status });
    return { items, total: items.length };
  }

  @Get('right-to-provide-requests/decline-grounds')
  @ApiOperation({
    summary: 'The grounds open to this journey’s parent body for declining its expression of interest (any party of the journey)',
    description:
      'Follows the journey’s fit: the borrowed Community Right to Challenge grounds only for a council or fire and rescue authority in England. 404 for a journey the caller may not see.',
  })
  @ApiOkResponse({ type: DeclineGroundListDto })
  async declineGroundsForJourney(@CurrentUser() me: Principal, @Query() query: DeclineGroundsQueryDto): Promise<DeclineGroundListDto> {
    const items = declineGroundCatalogueFor(await this.requests.fitOf(me, query.journeyId));
    return { items, total: items.length };
  }

  @Get('right-to-provide-requests/:journeyId')
  @ApiOperation({ summary: 'One request addressed to the caller’s organisation (parent body officers)' })
  @ApiOkResponse({ type: RightToProvideRequestDto })
  @ApiNotFoundResponse({ description: 'No submitted expression of interest on this journey is addressed to the caller’s organisation' })
  get(@CurrentUser() me: Principal, @UuidParam('journeyId') journeyId: string): Promise<RightToProvideRequestDto> {
    return this.requests.get(me, journeyId);
  }

  @Get('right-to-provide/decline-grounds')
  @ApiOperation({
    summary: 'Every decline ground, with whom it is open to; see /api/right-to-provide-requests/decline-grounds?journeyId= for one journey',
    description:
      'Includes the borrowed Community Right to Challenge rejection grounds (Localism Act 2011, s.83; SI 2012/1647) and the retired one.',
  })
  @ApiOkResponse({ type: DeclineGroundListDto })
  declineGrounds(): DeclineGroundListDto {
    return { items: [...DECLINE_GROUND_CATALOGUE], total: DECLINE_GROUND_CATALOGUE.length };
  }
}
