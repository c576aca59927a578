import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiAuthGuard } from './api-auth.guard';
import { IdentityService } from './identity.service';
import { OrganisationsController } from './organisations.controller';
import { UsersController } from './users.controller';

@Global()
@Module({
  controllers: [OrganisationsController, UsersController],
  providers: [IdentityService, { provide: APP_GUARD, useClass: ApiAuthGuard }],
  exports: [IdentityService],
})
export class IdentityModule {}
