import { UuidParam } from '@pathway/platform/http/uuid-param';
import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { ContractDto, ContractListDto, CreateContractDto, UpdateContractDto } from './contract.dto';
import { presentContract } from './contract.presenter';
import { ContractsService } from './contracts.service';

const RULES =
  '422 { code, field, message } when the law forbids it: reserved_term_over_5_years, reserved_contract_lockout (Procurement Act 2023 s.33(1)(b), (5)), reserved_mutual_not_in_scotland';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/journeys/:journeyId/contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a contract (the journey’s commissioner, the mutual lead or the central team); creates its renewal tasks',
  })
  @ApiCreatedResponse({ type: ContractDto })
  @ApiForbiddenResponse()
  @ApiUnprocessableEntityResponse({ description: RULES })
  async create(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @Body() body: CreateContractDto,
  ): Promise<ContractDto> {
    return presentContract(await this.contracts.create(me, journeyId, body));
  }

  @Get()
  @ApiOperation({ summary: 'The journey’s contracts register, by start date' })
  @ApiOkResponse({ type: ContractListDto })
  async list(@CurrentUser() me: Principal, @UuidParam('journeyId') journeyId: string): Promise<ContractListDto> {
    const items = (await this.contracts.list(me, journeyId)).map(presentContract);
    return { items, total: items.length };
  }

  @Get(':contractId')
  @ApiOkResponse({ type: ContractDto })
  async get(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @UuidParam('contractId') contractId: string,
  ): Promise<ContractDto> {
    return presentContract(await this.contracts.get(me, journeyId, contractId));
  }

  @Patch(':contractId')
  @ApiOperation({ summary: 'Change a contract or record its outcome; a new endDate moves its renewal tasks, an outcome completes them' })
  @ApiOkResponse({ type: ContractDto })
  @ApiUnprocessableEntityResponse({ description: RULES })
  async update(
    @CurrentUser() me: Principal,
    @UuidParam('journeyId') journeyId: string,
    @UuidParam('contractId') contractId: string,
    @Body() body: UpdateContractDto,
  ): Promise<ContractDto> {
    return presentContract(await this.contracts.update(me, journeyId, contractId, body));
  }
}
