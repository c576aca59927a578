import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@pathway/platform/errors/domain-errors';
import { UuidParam } from '@pathway/platform/http/uuid-param';
import { AccessPolicy } from './access-policy';
import { CurrentUser } from './auth.decorators';
import { CreateOrganisationDto, OrganisationDto, OrganisationListDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { IdentityService } from './identity.service';
import type { Principal } from './principal';
import { presentOrganisation } from './presenters';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations')
export class OrganisationsController {
  constructor(private readonly identity: IdentityService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an organisation (central team admins)' })
  @ApiCreatedResponse({ type: OrganisationDto })
  async create(@CurrentUser() me: Principal, @Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    AccessPolicy.assertCentralAdmin(me);
    return presentOrganisation(
      await this.identity.createOrganisation(body.name, body.kind, { nation: body.nation, bodyType: body.bodyType }, me),
    );
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Rename an organisation or change its nation or body type (central team admins; the central team’s own name comes from CENTRAL_TEAM_NAME)',
    description:
      'Journeys keep their checklist; the central team re-plans each through GET/POST /api/journeys/:id/replan. Every change is in the audit trail.',
  })
  @ApiOkResponse({ type: OrganisationDto })
  async update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: UpdateOrganisationDto): Promise<OrganisationDto> {
    AccessPolicy.assertCentralAdmin(me);
    return presentOrganisation(await this.identity.updateOrganisation(id, body, me));
  }

  @Get()
  @ApiOperation({ summary: 'Organisations: all for the central team, otherwise the caller’s own' })
  @ApiOkResponse({ type: OrganisationListDto })
  async list(@CurrentUser() me: Principal): Promise<OrganisationListDto> {
    const orgs = await this.identity.listOrganisations(AccessPolicy.isCentral(me) ? {} : { ids: [me.organisationId] });
    return { items: orgs.map(presentOrganisation), total: orgs.length };
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganisationDto })
  async get(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<OrganisationDto> {
    if (!AccessPolicy.isCentral(me) && me.organisationId !== id) throw new NotFoundError('Organisation');
    const org = await this.identity.getOrganisation(id);
    if (!org) throw new NotFoundError('Organisation');
    return presentOrganisation(org);
  }
}
