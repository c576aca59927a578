import type { TokenDto, UserDto } from './dto/user.dto';
import type { OrganisationDto } from './dto/organisation.dto';
import type { OrganisationEntity } from './entities/organisation.entity';
import type { ApiTokenEntity } from './entities/api-token.entity';
import type { UserEntity } from './entities/user.entity';

export const presentOrganisation = (o: OrganisationEntity): OrganisationDto => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  nation: o.nation,
  bodyType: o.bodyType,
});

export const presentUser = (u: UserEntity): UserDto => ({
  id: u.id,
  email: u.email,
  name: u.name,
  organisationId: u.organisationId,
  role: u.role,
  active: !u.deactivatedAt,
  hasPassword: !!u.passwordChangedAt,
});

export const presentToken = (t: ApiTokenEntity): TokenDto => ({
  id: t.id,
  prefix: t.prefix,
  label: t.label,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt ? t.lastUsedAt.toISOString() : null,
  revokedAt: t.revokedAt ? t.revokedAt.toISOString() : null,
});

export type { OrganisationDto };
