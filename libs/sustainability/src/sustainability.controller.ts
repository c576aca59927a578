import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { EntityDatesService } from './entity-dates.service';
import { GrowthFinanceService } from './growth-finance.service';
import {
  CreateGrowthFinanceDto,
  EntityDatesBodyDto,
  EntityDatesDto,
  GrowthFinanceDto,
  GrowthFinanceListDto,
  UpdateGrowthFinanceDto,
} from './sustainability.dto';

@ApiTags('sustainability')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such journey (or record), or the caller may not see it' })
@Controller('api/journeys/:id')
export class SustainabilityController {
  constructor(
    private readonly entity: EntityDatesService,
    private readonly finance: GrowthFinanceService,
  ) {}

  @Get('entity')
  @ApiOperation({ summary: 'The legal entity’s dates that drive the yearly cycle (anyone who can see the journey)' })
  @ApiOkResponse({ type: EntityDatesDto })
  getEntity(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<EntityDatesDto> {
    return this.entity.get(me, id);
  }

  @Put('entity')
  @ApiOperation({
    summary:
      'Record the legal entity’s incorporation date and accounting reference date (the mutual’s lead or the central team, once the entity is registered); open yearly tasks move with them',
  })
  @ApiOkResponse({ type: EntityDatesDto })
  @ApiBadRequestResponse({ description: 'A bad date, or a first accounting period not of more than 6 and at most 18 months' })
  @ApiForbiddenResponse({ description: 'Not the mutual’s lead or the central team' })
  @ApiConflictResponse({ description: 'The entity is not registered yet, or the journey is withdrawn' })
  setEntity(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: EntityDatesBodyDto): Promise<EntityDatesDto> {
    return this.entity.set(me, id, body);
  }

  @Get('growth-finance')
  @ApiOperation({ summary: 'Growth finance sought and secured, oldest first, with totals (anyone who can see the journey)' })
  @ApiOkResponse({ type: GrowthFinanceListDto })
  listFinance(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<GrowthFinanceListDto> {
    return this.finance.list(me, id);
  }

  @Post('growth-finance')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record growth finance sought or secured, in whole pounds (the mutual’s lead or the central team); in the history',
  })
  @ApiCreatedResponse({ type: GrowthFinanceDto })
  @ApiBadRequestResponse({ description: 'A bad field, naming it (kind, amountGbp, funder, dates, securedOn with the status)' })
  @ApiForbiddenResponse({ description: 'Not the mutual’s lead or the central team' })
  @ApiConflictResponse({ description: 'The journey is withdrawn' })
  createFinance(
    @CurrentUser() me: Principal,
    @UuidParam('id') id: string,
    @Body() body: CreateGrowthFinanceDto,
  ): Promise<GrowthFinanceDto> {
    return this.finance.create(me, id, body);
  }

  @Patch('growth-finance/:financeId')
  @ApiOperation({
    summary: 'Record that growth finance was secured or declined, or correct its amount (the mutual’s lead or the central team)',
  })
  @ApiOkResponse({ type: GrowthFinanceDto })
  @ApiBadRequestResponse({ description: 'A bad field, naming it' })
  @ApiForbiddenResponse({ description: 'Not the mutual’s lead or the central team' })
  @ApiConflictResponse({ description: 'The journey is withdrawn' })
  updateFinance(
    @CurrentUser() me: Principal,
    @UuidParam('id') id: string,
    @UuidParam('financeId') financeId: string,
    @Body() body: UpdateGrowthFinanceDto,
  ): Promise<GrowthFinanceDto> {
    return this.finance.update(me, id, financeId, body);
  }
}
