/** Every migration, in order. Add new ones at the end (files: migrations/<timestamp>-<Name>.ts). */
import { Identity1763800000000 } from './1763800000000-Identity';
import { Journeys1763800100000 } from './1763800100000-Journeys';
import { Reminders1763800200000 } from './1763800200000-Reminders';
import { Pipeline1763800300000 } from './1763800300000-Pipeline';
import { OrganisationNationBodyType1765130000000 } from './1765130000000-OrganisationNationBodyType';
import { Contracts1765110000000 } from './1765110000000-Contracts';
import { Support1765120000000 } from './1765120000000-Support';
import { JourneyPathwayFit1765130000001 } from './1765130000001-JourneyPathwayFit';
import { Accounts1765140000000 } from './1765140000000-Accounts';
import { EmailOutbox1765150000000 } from './1765150000000-EmailOutbox';
import { CalendarSequence1765150000001 } from './1765150000001-CalendarSequence';
import { TruthfulTaskStates1765180000000 } from './1765180000000-TruthfulTaskStates';
import { TaskEvidence1765180000001 } from './1765180000001-TaskEvidence';
import { StaffVoice1765200000000 } from './1765200000000-StaffVoice';
import { ConfidentialConcerns1765210000000 } from './1765210000000-ConfidentialConcerns';
import { UnconfirmedParentBody1765210000001 } from './1765210000001-UnconfirmedParentBody';
import { YearlyCycleGrowthFinance1765230000000 } from './1765230000000-YearlyCycleGrowthFinance';
import { JourneyLatestResults1765300000000 } from './1765300000000-JourneyLatestResults';
import { NotificationPreferences1765320000000 } from './1765320000000-NotificationPreferences';
import { DecisionConditionsAttachments1765330000000 } from './1765330000000-DecisionConditionsAttachments';
import { JourneyStateEnteredAt1765400000000 } from './1765400000000-JourneyStateEnteredAt';
import { JourneysClockRunsIndex1765420000000 } from './1765420000000-JourneysClockRunsIndex';
import { PipelineSummaryVersion1765510000000 } from './1765510000000-PipelineSummaryVersion';
import { WorkQueueOwnerIndex1765520000000 } from './1765520000000-WorkQueueOwnerIndex';

export const MIGRATIONS = [
  Identity1763800000000,
  Journeys1763800100000,
  Reminders1763800200000,
  Pipeline1763800300000,
  // TypeORM runs migrations in timestamp order, so this list keeps that order (each issue's numbers sort by issue).
  Contracts1765110000000,
  Support1765120000000,
  OrganisationNationBodyType1765130000000,
  JourneyPathwayFit1765130000001,
  Accounts1765140000000,
  EmailOutbox1765150000000,
  CalendarSequence1765150000001,
  TruthfulTaskStates1765180000000,
  TaskEvidence1765180000001,
  StaffVoice1765200000000,
  ConfidentialConcerns1765210000000,
  UnconfirmedParentBody1765210000001,
  YearlyCycleGrowthFinance1765230000000,
  JourneyLatestResults1765300000000,
  NotificationPreferences1765320000000,
  DecisionConditionsAttachments1765330000000,
  JourneyStateEnteredAt1765400000000,
  JourneysClockRunsIndex1765420000000,
  PipelineSummaryVersion1765510000000,
  WorkQueueOwnerIndex1765520000000,
];
