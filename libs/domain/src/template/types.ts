/** The pathway template: versioned, editable data from which each journey's checklist is created. */
import { DueRule } from '../calendar/due-date';
import { ReminderPolicy } from '../calendar/reminder-schedule';
import { JourneyEventType } from '../events';
import { BodyType, JourneyState, Nation, OwnerParty, Phase, Workstream } from '../vocabulary';

export type { DueRule, ReminderPolicy };

/**
 * Which journeys a task belongs to: the mutual's nation, the parent body's type (a journey whose
 * parent body has no stated type gets every task open to any type) and, where the law has a
 * staff-size rule, the number of staff transferring. A task that applies to nothing is a defect.
 */
export interface TaskAppliesTo {
  nations: Nation[];
  bodyTypes: BodyType[];
  /** Inclusive bounds on the journey's staffCount (the law's thresholds, e.g. 20 for collective redundancy). */
  staffCount?: { min?: number; max?: number };
}

/** Where a task's facts come from: a citation a person can read and a link they can follow. */
export interface TaskSource {
  citation: string;
  /** legislation.gov.uk or a GOV.UK (or other official) page. */
  url: string;
}

/** What a task says differently in one nation (its law, its deadline): merged over the task for that nation. */
export interface TaskNationVariant {
  title?: string;
  guidance?: string;
  source?: TaskSource;
  due?: DueRule | null;
}

export interface TemplateTask {
  /** Stable key; journeys' tasks and other tasks' `dependsOn` refer to it. */
  key: string;
  title: string;
  /** Plain English; says where a legal or official fact comes from. */
  guidance: string;
  /** Citation for the facts in the guidance (version 1: text only; from version 2: citation and link). */
  source: string | TaskSource;
  /** From version 2 every task says which journeys it applies to; absent (version 1): every journey. */
  appliesTo?: TaskAppliesTo;
  /** Nation-specific law: the variant replaces these fields for journeys in that nation. */
  byNation?: Partial<Record<Nation, TaskNationVariant>>;
  phase: Phase;
  /** The state this task must be done in before the guarded forward event may leave it (null: no gate). */
  gateState: JourneyState | null;
  /** Mandatory tasks with a gateState block that state's guarded event until completed or not applicable. */
  mandatory: boolean;
  /** A duty in law (not just good practice): overdue statutory tasks put a journey at risk. */
  statutory?: boolean;
  /**
   * Evidence-gated: the task is done only by recording the evidence it names (a staff ballot that
   * meets the template's threshold), never by a tick; no party but the central team (with a recorded
   * reason) may mark it not applicable.
   */
  evidence?: 'staff_ballot';
  workstream: Workstream;
  ownerParty: OwnerParty;
  dependsOn: string[];
  due: DueRule | null;
  /** Created only when this event fires; otherwise created with the journey. */
  createdOn?: JourneyEventType;
  /**
   * Completed automatically when any of these events fires (the event shows the work is done),
   * so nobody is reminded of, or escalated for, something already behind them.
   */
  completedOn?: JourneyEventType[];
}

export interface LegalFormOption {
  key: string;
  name: string;
  benefits: string[];
  limits: string[];
  registration: string;
  source: string;
  /**
   * Whether the form can meet Procurement Act 2023 s.33(6) (reserved contracts for public service
   * mutuals): `yes`, `depends` (on how it is set up: the note says what), or `no`.
   */
  reservedContractFit?: { canMeet: 'yes' | 'depends' | 'no'; note: string };
  /** A real example of the form, with where the fact comes from. */
  example?: string;
}

export interface PathwayTemplate {
  version: number;
  name: string;
  publishedOn: string;
  tasks: TemplateTask[];
  legalForms: LegalFormOption[];
  reminderPolicy: ReminderPolicy;
  /** Default days a parent body has to respond to a Right to Provide expression of interest. */
  rightToProvideResponseDays: number;
  /**
   * Working days (of the journey's nation) the parent body has to decide again after an appeal
   * against its decision is upheld (v3). Absent on older versions: DEFAULT_RECONSIDERATION_RESPONSE_DAYS.
   */
  reconsiderationResponseDays?: number;
  /**
   * What a staff ballot must show before the business case may be submitted (from version 3;
   * earlier versions get DEFAULT_STAFF_SUPPORT_THRESHOLD in code): shares 0..1, at most 4 decimals.
   */
  staffSupportThreshold?: StaffSupportThreshold;
}

/** Turnout (votes cast / eligible staff) and support (for / (for + against)) a ballot must reach, each 0..1. */
export interface StaffSupportThreshold {
  minTurnout: number;
  minSupportShare: number;
}
