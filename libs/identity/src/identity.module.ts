import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountAudit } from './account-audit';
import { AccountEventsController } from './account-events.controller';
import { AccountMailer } from './account-mailer';
import { AccountsService } from './accounts.service';
import { ApiAuthGuard } from './api-auth.guard';
import { BootstrapAdmin } from './bootstrap-admin';
import { IdentityService } from './identity.service';
import { Limits } from './limits';
import { OrganisationsController } from './organisations.controller';
import { UserSessions } from './user-sessions';
import { UsersController } from './users.controller';

@Global()
@Module({
  controllers: [OrganisationsController, UsersController, AccountEventsController],
  providers: [
    IdentityService,
    AccountAudit,
    AccountsService,
    AccountMailer,
    UserSessions,
    Limits,
    BootstrapAdmin,
    { provide: APP_GUARD, useClass: ApiAuthGuard },
  ],
  exports: [IdentityService, AccountAudit, AccountsService, UserSessions, Limits, BootstrapAdmin],
})
export class IdentityModule {}
