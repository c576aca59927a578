/** Every TypeORM entity of the product. The apps compose them (the database lib knows no feature). */
import { ContractEntity } from '@pathway/contracts/contract.entity';
import { JourneyResultEntity } from '@pathway/results/journey-result.entity';
import { EscalationEntity } from '@pathway/escalations/escalation.entity';
import { ApiTokenEntity } from '@pathway/identity/entities/api-token.entity';
import { OrganisationEntity } from '@pathway/identity/entities/organisation.entity';
import { UserEntity } from '@pathway/identity/entities/user.entity';
import { JourneyHistoryEntity } from '@pathway/journeys/entities/journey-history.entity';
import { JourneyTaskEntity } from '@pathway/journeys/entities/journey-task.entity';
import { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { PathwayTemplateEntity } from '@pathway/journeys/entities/pathway-template.entity';
import { NotificationEntity } from '@pathway/notifications/notification.entity';
import { JourneyAdviserEntity, SupportAwardEntity } from '@pathway/support/support.entities';

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
