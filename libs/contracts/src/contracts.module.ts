import { Module } from '@nestjs/common';
import { JourneysModule } from '@pathway/journeys/journeys.module';
import { ContractExpiriesController } from './contract-expiries.controller';
import { ContractExpiriesService } from './contract-expiries.service';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';

/**
 * Sustainability and growth, commissioning side: the contracts register (Procurement Act 2023
 * s.33 rules from the domain) and the renewal tasks each contract's end date drives.
 */
@Module({
  imports: [JourneysModule],
  controllers: [ContractsController, ContractExpiriesController],
  providers: [ContractsService, ContractExpiriesService],
  exports: [ContractsService, ContractExpiriesService],
})
export class ContractsModule {}
