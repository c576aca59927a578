/** Every TypeORM entity of the product: the composition root for the data source. */
import { ApiTokenEntity } from '../../identity/src/entities/api-token.entity';
import { OrganisationEntity } from '../../identity/src/entities/organisation.entity';
import { UserEntity } from '../../identity/src/entities/user.entity';

export const ENTITIES = [OrganisationEntity, UserEntity, ApiTokenEntity];
