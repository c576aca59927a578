import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { NotFoundError } from '@pathway/platform/errors/domain-errors';
import { UuidParam } from '@pathway/platform/http/uuid-param';
import { AccessPolicy } from './access-policy';
import { CurrentUser } from './auth.decorators';
import { AccountsService } from './accounts.service';
import {
  CreatedTokenDto,
  CreateTokenDto,
  CreateUserDto,
  InvitationDto,
  MeDto,
  TokenListDto,
  UpdateUserDto,
  UserDto,
  UserListDto,
  UserQueryDto,
} from './dto/user.dto';
import { IdentityService } from './identity.service';
import { Limits } from './limits';
import type { Principal } from './principal';
import { presentToken, presentUser } from './presenters';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api')
export class UsersController {
  constructor(
    private readonly identity: IdentityService,
    private readonly accounts: AccountsService,
    private readonly limits: Limits,
  ) {}

  @Get('me')
  @ApiOperation({ summary: 'The caller' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() me: Principal): MeDto {
    return {
      id: me.id,
      email: me.email,
      name: me.name,
      organisationId: me.organisationId,
      role: me.role,
      organisationName: me.organisationName,
      organisationKind: me.organisationKind,
    };
  }

  @Post('users')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a user (central team admins); a password enables web sign-in' })
  @ApiCreatedResponse({ type: UserDto })
  async create(@CurrentUser() me: Principal, @Body() body: CreateUserDto): Promise<UserDto> {
    AccessPolicy.assertCentralAdmin(me);
    return presentUser(await this.identity.createUser(body, me));
  }

  @Get('users')
  @ApiOperation({ summary: 'Users (central team admins), optionally of one organisation' })
  @ApiOkResponse({ type: UserListDto })
  async list(@CurrentUser() me: Principal, @Query() query: UserQueryDto): Promise<UserListDto> {
    AccessPolicy.assertCentralAdmin(me);
    const users = await this.identity.listUsers({ organisationId: query.organisationId });
    return { items: users.map(presentUser), total: users.length };
  }

  @Get('users/:id')
  @ApiOperation({ summary: 'One user (central team admins, or the user themselves)' })
  @ApiOkResponse({ type: UserDto })
  async get(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<UserDto> {
    if (me.id !== id && !AccessPolicy.isCentralAdmin(me)) throw new NotFoundError('User');
    const user = await this.identity.getUser(id);
    if (!user) throw new NotFoundError('User');
    return presentUser(user);
  }

  @Patch('users/:id')
  @ApiOperation({
    summary: 'Change a user’s name or role, or deactivate (`active: false`) or reactivate them (central team admins)',
    description:
      'Deactivation takes effect at once everywhere: API tokens are revoked (401), web sessions end, the calendar feed is gone (404), and no notifications or email reach the user.',
  })
  @ApiOkResponse({ type: UserDto })
  async update(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    AccessPolicy.assertCentralAdmin(me);
    return presentUser(await this.accounts.updateUser(me, id, body));
  }

  @Post('users/:id/invitations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Email the user a one-time link (valid 72 hours) to set their password (central team admins)' })
  @ApiCreatedResponse({ type: InvitationDto })
  async invite(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Req() req: Request): Promise<InvitationDto> {
    AccessPolicy.assertCentralAdmin(me);
    const sent = await this.accounts.invite(me, id, `${req.protocol}://${req.get('host')}`);
    return { emailed: sent.emailed, email: sent.email, expiresAt: sent.expiresAt.toISOString() };
  }

  @Post('users/:id/tokens')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue an API token for a user (central team admins; 20 a minute per admin); the token is shown once' })
  @ApiCreatedResponse({ type: CreatedTokenDto })
  async issueToken(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Body() body: CreateTokenDto): Promise<CreatedTokenDto> {
    // The role first: nobody else's calls count against an administrator's quota.
    AccessPolicy.assertCentralAdmin(me);
    await this.limits.consume([['tokenIssuePerAdmin', me.id]], 'Too many tokens issued: wait a minute and try again');
    return this.identity.issueToken(id, body?.label, me);
  }

  @Get('users/:id/tokens')
  @ApiOperation({ summary: 'A user’s tokens, without their secrets (the user, or central team admins)' })
  @ApiOkResponse({ type: TokenListDto })
  async tokens(@CurrentUser() me: Principal, @UuidParam('id') id: string): Promise<TokenListDto> {
    if (me.id !== id && !AccessPolicy.isCentralAdmin(me)) throw new NotFoundError('User');
    const tokens = await this.identity.listTokens(id);
    return { items: tokens.map(presentToken), total: tokens.length };
  }

  @Delete('tokens/:tokenId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token (its owner, or central team admins); it stops working at once' })
  @ApiNoContentResponse()
  async revoke(@CurrentUser() me: Principal, @UuidParam('tokenId') tokenId: string): Promise<void> {
    const token = await this.identity.getToken(tokenId);
    if (!token || (token.userId !== me.id && !AccessPolicy.isCentralAdmin(me))) throw new NotFoundError('Token');
    await this.identity.revokeToken(tokenId, me);
  }
}
