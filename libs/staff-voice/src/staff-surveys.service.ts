import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayInLondon } from '@pathway/domain/calendar/london';
import { heldOnProblem } from '@pathway/domain/staff-voice/ballot';
import { surveyPhaseProblem, surveyProblems } from '@pathway/domain/staff-voice/survey';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import { recordHistory, touchJourney } from '@pathway/journeys/history';
import { loadVisibleJourney } from '@pathway/journeys/journey-access';
import { Clock } from '@pathway/platform/clock/clock';
import { BadRequestError, ConflictError, ForbiddenError } from '@pathway/platform/errors/domain-errors';
import type { RecordSurveyDto, StaffSurveyDto, StaffSurveyListDto } from './staff-voice.dto';
import { presentSurvey } from './staff-voice.presenter';
import { StaffVoiceRepository } from './staff-voice.repository';

/** Staff pulse surveys before and during the spin-out: the mutual lead records them, every party reads the trend. */
@Injectable()
export class StaffSurveysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: StaffVoiceRepository,
    private readonly clock: Clock,
  ) {}

  async list(p: Principal, journeyId: string): Promise<StaffSurveyListDto> {
    await loadVisibleJourney(this.db.manager, p, journeyId);
    return this.read(journeyId);
  }

  async read(journeyId: string): Promise<StaffSurveyListDto> {
    const items = (await this.repo.surveys(this.db.manager, journeyId)).map(presentSurvey);
    return { items, total: items.length };
  }

  async record(p: Principal, journeyId: string, dto: RecordSurveyDto): Promise<StaffSurveyDto> {
    const problems = surveyProblems(dto);
    const future = heldOnProblem(dto.heldOn, todayInLondon(this.clock.now()));
    if (future) problems.push(future);
    return this.db.transaction(async (tx) => {
      const journey = await loadVisibleJourney(tx, p, journeyId, { lock: true });
      if (!AccessPolicy.actsAs(p, journey, ['mutual_lead']) || AccessPolicy.isCentral(p)) {
        throw new ForbiddenError('Only the mutual’s lead records staff surveys');
      }
      if (problems.length) throw new BadRequestError(problems);
      const phase = journey.state === 'withdrawn' ? 'withdrawn' : surveyPhaseProblem(journey.phase);
      if (phase) throw new ConflictError(phase === 'withdrawn' ? 'The journey has been withdrawn' : phase);
      const survey = presentSurvey(
        await this.repo.insertSurvey(tx, {
          journey_id: journeyId,
          held_on: dto.heldOn,
          respondents: dto.respondents,
          eligible: dto.eligible,
          understand_pension: dto.agreement.understand_pension,
          support_spin_out: dto.agreement.support_spin_out,
          morale_good: dto.agreement.morale_good,
          recorded_by_user_id: p.id,
        }),
      );
      await touchJourney(tx, journeyId);
      await recordHistory(tx, {
        journeyId,
        actorUserId: p.id,
        type: 'staff_survey_recorded',
        data: {
          surveyId: survey.id,
          heldOn: survey.heldOn,
          respondents: survey.respondents,
          eligible: survey.eligible,
          agreement: survey.agreement,
        },
      });
      return survey;
    });
  }
}
