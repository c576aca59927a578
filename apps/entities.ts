/** Every TypeORM entity of the product. The apps compose them (the database lib knows no feature). */
import { ContractEntity } from '../libs/contracts/src/contract.entity';
import { JourneyResultEntity } from '../libs/results/src/journey-result.entity';
import { EscalationEntity } from '../libs/escalations/src/escalation.entity';
import { ApiTokenEntity } from '../libs/identity/src/entities/api-token.entity';
import { OrganisationEntity } from '../libs/identity/src/entities/organisation.entity';
import { UserEntity } from '../libs/identity/src/entities/user.entity';
import { JourneyHistoryEntity } from '../libs/journeys/src/entities/journey-history.entity';
import { JourneyTaskEntity } from '../libs/journeys/src/entities/journey-task.entity';
import { JourneyEntity } from '../libs/journeys/src/entities/journey.entity';
import { PathwayTemplateEntity } from '../libs/journeys/src/entities/pathway-template.entity';
import { NotificationEntity } from '../libs/notifications/src/notification.entity';
import { JourneyAdviserEntity, SupportAwardEntity } from '../libs/support/src/support.entities';

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
