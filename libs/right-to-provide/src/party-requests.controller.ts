import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { JourneyDto } from '@pathway/journeys/dto/journey.dto';
import { JourneysService } from '@pathway/journeys/journeys.service';
import { presentJourney } from '@pathway/journeys/presenters';
import { PartyRequestsService } from './party-requests.service';

@ApiTags('right to provide')
@ApiBearerAuth()
@Controller('api/journeys/:id/parent-body')
export class PartyRequestsController {
  constructor(
    private readonly requests: PartyRequestsService,
    private readonly journeys: JourneysService,
  ) {}

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The named parent body confirms a journey a mutual lead started is theirs (answering the request also confirms it)',
  })
  @ApiOkResponse({ type: JourneyDto })
  @ApiForbiddenResponse({ description: 'Not an officer of the named parent body' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already confirmed' })
  async confirm(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<JourneyDto> {
    const journey = await this.requests.confirm(me, id);
    return presentJourney(journey, await this.journeys.viewFor(me, journey));
  }

  @Post('reject')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'The named parent body says an unconfirmed journey is not theirs: it leaves their inbox and view (its tasks go to the central team, which finds the right parent body); the mutual is told, not by whom',
  })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'Not an officer of the named parent body' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already confirmed (by answering the request, or by the central team naming it)' })
  async reject(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<void> {
    await this.requests.reject(me, id);
  }
}
