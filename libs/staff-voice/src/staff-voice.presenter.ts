import { ballotFigures } from '@pathway/domain/staff-voice/ballot';
import type { StaffSupportThreshold } from '@pathway/domain/template/types';
import type { StaffBallotDto, StaffSupportWaiverDto, StaffSurveyDto } from './staff-voice.dto';
import type { BallotRow, SurveyRow, WaiverRow } from './staff-voice.repository';

export function presentBallot(b: BallotRow, threshold: StaffSupportThreshold): StaffBallotDto {
  const counts = { eligible: b.eligible, votesFor: b.votes_for, votesAgainst: b.votes_against, abstentions: b.abstentions };
  return {
    id: b.id,
    journeyId: b.journey_id,
    question: b.question,
    heldOn: b.held_on,
    method: b.method,
    ...counts,
    independentScrutineer: b.independent_scrutineer,
    ...ballotFigures(counts, b.method, threshold),
    recordedByUserId: b.recorded_by_user_id,
    recordedAt: new Date(b.recorded_at).toISOString(),
  };
}

export function presentWaiver(w: WaiverRow): StaffSupportWaiverDto {
  return {
    id: w.id,
    journeyId: w.journey_id,
    reason: w.reason,
    waivedByUserId: w.waived_by_user_id,
    waivedAt: new Date(w.waived_at).toISOString(),
  };
}

export function presentSurvey(s: SurveyRow): StaffSurveyDto {
  return {
    id: s.id,
    journeyId: s.journey_id,
    heldOn: s.held_on,
    respondents: s.respondents,
    eligible: s.eligible,
    responseRate: s.respondents / s.eligible,
    agreement: {
      understand_pension: Number(s.understand_pension),
      support_spin_out: Number(s.support_spin_out),
      morale_good: Number(s.morale_good),
    },
    recordedByUserId: s.recorded_by_user_id,
    recordedAt: new Date(s.recorded_at).toISOString(),
  };
}
