import type { OrganisationKind, Role } from '@pathway/domain/vocabulary';

/** The authenticated caller, resolved from a bearer token or a web session. */
export interface Principal {
  id: string;
  email: string;
  name: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  role: Role;
  /** Set when authenticated by an API token (for revoking "this" token). */
  tokenId?: string;
}
