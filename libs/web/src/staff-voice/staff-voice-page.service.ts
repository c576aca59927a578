import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SURVEY_PHASES } from '../../../domain/src/staff-voice/survey';
import { AccessPolicy } from '../../../identity/src/access-policy';
import type { Principal } from '../../../identity/src/principal';
import type { JourneyEntity } from '../../../journeys/src/entities/journey.entity';
import { StaffBallotsService } from '../../../staff-voice/src/staff-ballots.service';
import { StaffSurveysService } from '../../../staff-voice/src/staff-surveys.service';
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
