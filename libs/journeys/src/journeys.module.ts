import { Module } from '@nestjs/common';
import { CentralOrganisation } from './central-organisation';
import { JourneyChangeBus } from './journey-change.bus';
import { JourneyConditions } from './journey-conditions';
import { JourneyEventsRepository } from './journey-events.repository';
import { JourneyEventsService } from './journey-events.service';
import { JourneysController } from './journeys.controller';
import { JourneysService } from './journeys.service';
import { JourneyTasksService } from './journey-tasks.service';
import { PathwayController } from './pathway.controller';
import { PathwayTemplatesService } from './pathway-templates.service';
import { TasksController } from './tasks.controller';
import { JourneyReplanService } from './journey-replan.service';
import { ReplanController } from './replan.controller';
import { DecisionFiles } from './decision-files';
import { FILE_STORAGE_PROVIDER } from '@pathway/platform/storage/storage.provider';
import { FileStorage } from '@pathway/platform/storage/file-storage';

@Module({
  controllers: [JourneysController, TasksController, PathwayController, ReplanController],
  providers: [
    JourneysService,
    JourneyEventsService,
    JourneyEventsRepository,
    JourneyTasksService,
    JourneyReplanService,
    PathwayTemplatesService,
    CentralOrganisation,
    JourneyChangeBus,
    JourneyConditions,
    DecisionFiles,
    FILE_STORAGE_PROVIDER,
  ],
  exports: [
    JourneysService,
    JourneyEventsService,
    JourneyTasksService,
    JourneyReplanService,
    PathwayTemplatesService,
    CentralOrganisation,
    JourneyChangeBus,
    JourneyConditions,
    DecisionFiles,
    FileStorage,
  ],
})
export class JourneysModule {}
