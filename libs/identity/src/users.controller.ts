import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { NotFoundError } from '../../platform/src/errors/domain-errors';
import { UuidPipe } from '../../platform/src/http/uuid.pipe';
import { AccessPolicy } from './access-policy';
import { CurrentUser } from './auth.decorators';
import { CreatedTokenDto, CreateTokenDto, CreateUserDto, MeDto, TokenListDto, UserDto, UserListDto, UserQueryDto } from './dto/user.dto';
import { IdentityService } from './identity.service';
import type { Principal } from './principal';
import { presentToken, presentUser } from './presenters';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api')
export class UsersController {
  constructor(private readonly identity: IdentityService) {}

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
    return presentUser(await this.identity.createUser(body));
  }

  @Get('users')
  @ApiOperation({ summary: 'Users (central team admins), optionally of one organisation' })
  @ApiOkResponse({ type: UserListDto })
  async list(@CurrentUser() me: Principal, @Query() query: UserQueryDto): Promise<UserListDto> {
    AccessPolicy.assertCentralAdmin(me);
    const users = await this.identity.listUsers({ organisationId: query.organisationId });
    return { items: users.map(presentUser), total: users.length };
  }

  @Post('users/:id/tokens')
  @HttpCode(201)
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @ApiOperation({ summary: 'Issue an API token for a user (central team admins); the token is shown once' })
  @ApiCreatedResponse({ type: CreatedTokenDto })
  async issueToken(@CurrentUser() me: Principal, @Param('id', UuidPipe) id: string, @Body() body: CreateTokenDto): Promise<CreatedTokenDto> {
    AccessPolicy.assertCentralAdmin(me);
    return this.identity.issueToken(id, body?.label);
  }

  @Get('users/:id/tokens')
  @ApiOperation({ summary: 'A user’s tokens, without their secrets (the user, or central team admins)' })
  @ApiOkResponse({ type: TokenListDto })
  async tokens(@CurrentUser() me: Principal, @Param('id', UuidPipe) id: string): Promise<TokenListDto> {
    if (me.id !== id && !AccessPolicy.isCentralAdmin(me)) throw new NotFoundError('User');
    const tokens = await this.identity.listTokens(id);
    return { items: tokens.map(presentToken), total: tokens.length };
  }

  @Delete('tokens/:tokenId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token (its owner, or central team admins); it stops working at once' })
  @ApiNoContentResponse()
  async revoke(@CurrentUser() me: Principal, @Param('tokenId', UuidPipe) tokenId: string): Promise<void> {
    const token = await this.identity.getToken(tokenId);
    if (!token || (token.userId !== me.id && !AccessPolicy.isCentralAdmin(me))) throw new NotFoundError('Token');
    await this.identity.revokeToken(tokenId);
  }
}
