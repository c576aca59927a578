import type { ContractDto } from './contract.dto';
import type { ContractWithTasks } from './contracts.service';

export function presentContract({ contract: c, tasks, assessment }: ContractWithTasks): ContractDto {
  return {
    id: c.id,
    journeyId: c.journeyId,
    title: c.title,
    commissionerId: c.commissionerId,
    startDate: c.startDate,
    endDate: c.endDate,
    awardedOn: c.awardedOn,
    termMonths: assessment.termMonths,
    annualValueGbp: c.annualValueGbp,
    route: c.route,
    extensionMonths: c.extensionMonths,
    firstContract: c.firstContract,
    outcome: c.outcome,
    outcomeNote: c.outcomeNote,
    outcomeRecordedAt: c.outcomeRecordedAt ? new Date(c.outcomeRecordedAt).toISOString() : null,
    renewalTasks: tasks.map((t) => ({ id: t.id, key: t.key, status: t.status, dueDate: t.dueDate })),
    warnings: assessment.warnings,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}
