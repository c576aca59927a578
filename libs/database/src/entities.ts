/** Every TypeORM entity of the product: the composition root for the data source. */
import { ContractEntity } from '../../contracts/src/contract.entity';
import { JourneyResultEntity } from '../../results/src/journey-result.entity';
import { EscalationEntity } from '../../escalations/src/escalation.entity';
import { ApiTokenEntity } from '../../identity/src/entities/api-token.entity';
import { OrganisationEntity } from '../../identity/src/entities/organisation.entity';
import { UserEntity } from '../../identity/src/entities/user.entity';
import { JourneyHistoryEntity } from '../../journeys/src/entities/journey-history.entity';
import { JourneyTaskEntity } from '../../journeys/src/entities/journey-task.entity';
import { JourneyEntity } from '../../journeys/src/entities/journey.entity';
import { PathwayTemplateEntity } from '../../journeys/src/entities/pathway-template.entity';
import { NotificationEntity } from '../../notifications/src/notification.entity';
import { JourneyAdviserEntity, SupportAwardEntity } from '../../support/src/support.entities';

export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  ApiTokenEntity,
  PathwayTemplateEntity,
  JourneyEntity,
  JourneyTaskEntity,
  JourneyHistoryEntity,
  EscalationEntity,
  NotificationEntity,
  JourneyAdviserEntity,
  SupportAwardEntity,
  ContractEntity,
  JourneyResultEntity,
];
