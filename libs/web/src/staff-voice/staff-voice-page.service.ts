import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SURVEY_PHASES } from '@pathway/domain/staff-voice/survey';
import { AccessPolicy } from '@pathway/identity/access-policy';
import type { Principal } from '@pathway/identity/principal';
import type { JourneyEntity } from '@pathway/journeys/entities/journey.entity';
import { StaffBallotsService } from '@pathway/staff-voice/staff-ballots.service';
import { StaffSurveysService } from '@pathway/staff-voice/staff-surveys.service';
import { LookupsService } from '../support/lookups.service';
import { staffSupportView, surveysView, type StaffSupportView, type SurveysView } from './staff-voice-view';

/** The staff voice section of the journey page (views/journeys/_staff-voice.njk), and the ballot summary on the decision pages. */
export interface StaffVoicePageData {
  staffSupport: StaffSupportView;
  surveys: SurveysView;
  canRecordBallot: boolean;
  canRecordSurvey: boolean;
  canWaive: boolean;
}

/** Arranges what the staff voice services say for the pages; the journey was loaded (and its visibility checked) by the caller. */
@Injectable()
export class StaffVoicePageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ballots: StaffBallotsService,
    private readonly surveys: StaffSurveysService,
    private readonly lookups: LookupsService,
  ) {}

  async view(p: Principal, journey: JourneyEntity): Promise<StaffVoicePageData> {
    const list = await this.ballots.read(this.db.manager, journey);
    const surveys = await this.surveys.read(journey.id);
    const names = await this.lookups.userNames([list.staffSupport.waiver?.waivedByUserId]);
    const open = journey.state !== 'withdrawn';
    const lead = AccessPolicy.actsAs(p, journey, ['mutual_lead']) && !AccessPolicy.isCentral(p);
    return {
      staffSupport: staffSupportView(list, names),
      surveys: surveysView(surveys.items),
      canRecordBallot: open && lead,
      canRecordSurvey: open && lead && SURVEY_PHASES.includes(journey.phase),
      canWaive: open && AccessPolicy.isCentral(p) && !list.staffSupport.waiver,
    };
  }
}
