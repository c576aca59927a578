import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { ContractExpiriesQueryDto, ContractExpiryListDto } from './contract-expiries.dto';
import { ContractExpiriesService } from './contract-expiries.service';

@ApiTags('pipeline')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Not the central team or a department officer' })
@ApiBadRequestResponse({ description: 'An unknown or invalid query parameter' })
@Controller('api/pipeline')
export class ContractExpiriesController {
  constructor(private readonly expiries: ContractExpiriesService) {}

  @Get('contract-expiries')
  @ApiOperation({
    summary: 'Contracts of active journeys ending within withinMonths (default 18), soonest first, with the state of their renewal task',
  })
  @ApiOkResponse({ type: ContractExpiryListDto })
  list(@CurrentUser() me: Principal, @Query() q: ContractExpiriesQueryDto): Promise<ContractExpiryListDto> {
    return this.expiries.expiries(AccessPolicy.pipelineScope(me), q);
  }
}
