import { SustainabilityModule } from '@pathway/sustainability/sustainability.module';
import { SustainabilityPagesController } from './sustainability/sustainability-pages.controller';
import { YearlyCycleViewService } from './sustainability/yearly-cycle-view';
import { Module } from '@nestjs/common';
import { ContractsModule } from '@pathway/contracts/contracts.module';
import { DailyWorkModule } from '@pathway/daily-work/daily-work.module';
import { EscalationsModule } from '@pathway/escalations/escalations.module';
import { JourneysModule } from '@pathway/journeys/journeys.module';
import { ResultsModule } from '@pathway/results/results.module';
import { PipelineModule } from '@pathway/pipeline/pipeline.module';
import { SupportModule } from '@pathway/support/support.module';
import { RightToProvideModule } from '@pathway/right-to-provide/right-to-provide.module';
import { StaffVoiceModule } from '@pathway/staff-voice/staff-voice.module';
import { AccountController } from './auth/account.controller';
import { SignInController } from './auth/sign-in.controller';
import { AdminOrganisationsController } from './admin/admin-organisations.controller';
import { AdminUsersController } from './admin/admin-users.controller';
import { WebAuthGuard } from './auth/web-auth.guard';
import { EscalationPagesController } from './escalations/escalation-pages.controller';
import { JourneyPageService } from './journeys/journey-page.service';
import { JourneyPagesController } from './journeys/journey-pages.controller';
import { ReplanPageController } from './journeys/replan-page.controller';
import { JourneyRiskService } from './journeys/journey-risk.service';
import { JourneyProgrammeSections } from './journeys/journey-programme';
import { NewJourneyController } from './journeys/new-journey.controller';
import { PartyRequestPageController } from './journeys/party-request-page.controller';
import { EmailSettingsPageController } from './notifications/email-settings-page.controller';
import { NotificationsPageController } from './notifications/notifications-page.controller';
import { PipelinePageController } from './pipeline/pipeline-page.controller';
import { StartPageService } from './start/start-page.service';
import { StartController } from './start/start.controller';
import { LookupsService } from './support/lookups.service';
import { TaskPageController } from './tasks/task-page.controller';
import { NewTaskPageController } from './tasks/new-task-page.controller';
import { WorkQueuePageController } from './tasks/work-queue-page.controller';
import { FilesController } from './tasks/files.controller';
import { StaffVoicePageService } from './staff-voice/staff-voice-page.service';
import { StaffVoicePagesController } from './staff-voice/staff-voice-pages.controller';

/**
 * The web pages (GOV.UK Design System, server-rendered). The Express-level wiring (views, assets,
 * sessions, CSRF, error pages) is `configureWeb`, called by createApi. Page controllers use
 * `@WebController()`; add them here. Pages call the same services as the API (imported modules).
 * Order matters: `/journeys/new` is routed before `/journeys/:id`.
 */
@Module({
  imports: [
    JourneysModule,
    EscalationsModule,
    RightToProvideModule,
    PipelineModule,
    ContractsModule,
    ResultsModule,
    DailyWorkModule,
    StaffVoiceModule,
    SupportModule,
    SustainabilityModule,
  ],
  controllers: [
    SignInController,
    AccountController,
    AdminUsersController,
    AdminOrganisationsController,
    StartController,
    NewJourneyController,
    PartyRequestPageController,
    StaffVoicePagesController,
    JourneyPagesController,
    ReplanPageController,
    WorkQueuePageController,
    FilesController,
    TaskPageController,
    NewTaskPageController,
    EscalationPagesController,
    NotificationsPageController,
    EmailSettingsPageController,
    PipelinePageController,
    SustainabilityPagesController,
  ],
  providers: [
    WebAuthGuard,
    StartPageService,
    JourneyPageService,
    JourneyRiskService,
    LookupsService,
    StaffVoicePageService,
    JourneyProgrammeSections,
    YearlyCycleViewService,
  ],
})
export class WebModule {}
