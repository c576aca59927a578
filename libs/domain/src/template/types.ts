/** The pathway template: versioned, editable data from which each journey's checklist is created. */
import { DueRule } from '../calendar/due-date';
import { ReminderPolicy } from '../calendar/reminder-schedule';
import { JourneyEventType } from '../events';
import { JourneyState, OwnerParty, Phase, Workstream } from '../vocabulary';

export type { DueRule, ReminderPolicy };

export interface TemplateTask {
  /** Stable key; journeys' tasks and other tasks' `dependsOn` refer to it. */
  key: string;
  title: string;
  /** Plain English; says where a legal or official fact comes from. */
  guidance: string;
  /** Citation for the facts in the guidance. */
  source: string;
  phase: Phase;
  /** The state this task must be done in before the guarded forward event may leave it (null: no gate). */
  gateState: JourneyState | null;
  /** Mandatory tasks with a gateState block that state's guarded event until completed or not applicable. */
  mandatory: boolean;
  /** A duty in law (not just good practice): overdue statutory tasks put a journey at risk. */
  statutory?: boolean;
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
}
