import type { JourneyResultsDto, ResultItemDto } from './results.dto';
import type { JourneyResults } from './results.service';

export function presentResults(r: JourneyResults): JourneyResultsDto {
  return {
    items: r.items.map((i): ResultItemDto => ({
      period: i.period,
      staffTurnoverPct: i.staffTurnoverPct,
      sicknessDaysPerFte: i.sicknessDaysPerFte,
      staffSatisfactionPct: i.staffSatisfactionPct,
      serviceUserSatisfactionPct: i.serviceUserSatisfactionPct,
      staffCount: i.staffCount,
      incomeGbp: i.incomeGbp,
      staffMembershipPct: i.staffMembershipPct,
      socialValue: i.socialValue,
      recordedByUserId: i.recordedByUserId,
      recordedAt: new Date(i.recordedAt).toISOString(),
    })),
    comparison: r.comparison as JourneyResultsDto['comparison'],
  };
}
