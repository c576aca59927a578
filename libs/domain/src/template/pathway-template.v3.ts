/**
 * Version 3 of the pathway template: version 2's tasks with this round's changes applied
 * (decisions that hold, the sustainability cycle). Versions are immutable once shipped, so every
 * change to what new journeys get goes here, never into v1 or v2.
 *
 * Each change is data: `V3_TASK_CHANGES` (fields replaced on a v2 task, by key) and
 * `V3_NEW_TASKS` (tasks v2 did not have). Template-level settings are set on the object below.
 */
import { PATHWAY_TEMPLATE_V2 } from './pathway-template.v2';
import type { YearlyTaskDefinition } from '../sustainability/yearly-cycle';
import type { PathwayTemplate, TemplateTask } from './types';

/** Fields replaced on version 2 tasks, by task key. */
const V3_TASK_CHANGES: Record<string, Partial<TemplateTask>> = {
  // Staff support is the gate of a spin-out (DOMAIN.md): the ballot is recorded as evidence, not ticked.
  hold_staff_ballot: { evidence: 'staff_ballot' },
};

/** Tasks that version 2 did not have. */
const V3_NEW_TASKS: TemplateTask[] = [];

/** Version 3's tasks: version 2's with their changes, then the new ones (keys stay unique: validateTemplate checks). */
export function buildV3Tasks(v2: readonly TemplateTask[]): TemplateTask[] {
  return [...v2.map((t) => ({ ...t, ...(V3_TASK_CHANGES[t.key] ?? {}) })), ...V3_NEW_TASKS];
}

const LAW = {
  s853A: 'https://www.legislation.gov.uk/ukpga/2006/46/section/853A',
  s442: 'https://www.legislation.gov.uk/ukpga/2006/46/section/442',
  s336: 'https://www.legislation.gov.uk/ukpga/2006/46/section/336',
  cicAct34: 'https://www.legislation.gov.uk/ukpga/2004/27/section/34',
  cicRegs26: 'https://www.legislation.gov.uk/uksi/2005/1788/regulation/26',
  societies89: 'https://www.legislation.gov.uk/ukpga/2014/14/section/89',
  societiesNi: 'https://www.legislation.gov.uk/apni/1969/24/contents',
  taskforce: 'https://eprints.lse.ac.uk/44579/',
} as const;

/**
 * The tasks each year of operation brings, from the first anniversary of the transfer on (the
 * yearly cycle: libs/domain/src/sustainability/yearly-cycle.ts). Due dates follow the entity's
 * own dates: its incorporation anniversary, its accounting reference date (a society's year end),
 * the transfer anniversary or the UK financial year. Add entries at the end.
 */
const V3_YEARLY_TASKS: YearlyTaskDefinition[] = [
  {
    key: 'confirmation_statement',
    title: 'File the confirmation statement at Companies House',
    guidance:
      'A company must deliver a confirmation statement within 14 days after the end of each review period (Companies Act 2006 s.853A); Companies House counts each review period to the anniversary of incorporation, so this is due 14 days after it. The first one is a task of bedding in; this is each later year’s. If the statement was filed early, the next review period runs from that date: move this task’s deadline to match.',
    source: { citation: 'Companies Act 2006, s.853A', url: LAW.s853A },
    entity: 'company',
    anchor: 'incorporation_anniversary',
    offset: 14,
    unit: 'calendar_days',
    firstOccurrence: 2,
    statutory: true,
    workstream: 'governance',
    ownerParty: 'mutual',
  },
  {
    key: 'annual_accounts',
    title: 'File the annual accounts at Companies House',
    guidance:
      'A private company must deliver its accounts within 9 months after the end of its accounting reference period (Companies Act 2006 s.442(2)(a)). A first accounting period longer than 12 months is due 21 months after incorporation, or 3 months after the period ends if that is later (s.442(3)). Late filing brings an automatic penalty.',
    source: { citation: 'Companies Act 2006, s.442', url: LAW.s442 },
    entity: 'company',
    anchor: 'accounting_reference_date',
    offset: 9,
    unit: 'months',
    firstAccountsRule: true,
    statutory: true,
    workstream: 'finance',
    ownerParty: 'mutual',
  },
  {
    key: 'cic_report',
    title: 'File the community interest company report (CIC34) with the accounts',
    guidance:
      'A community interest company must prepare a community interest company report for each financial year (Companies (Audit, Investigations and Community Enterprise) Act 2004 s.34) and deliver it to Companies House with its accounts (Community Interest Company Regulations 2005, reg. 26), so it is due on the same day as the accounts: what the company did for the community, how it consulted its stakeholders, directors’ pay and any transfer of assets.',
    source: {
      citation:
        'Companies (Audit, Investigations and Community Enterprise) Act 2004, s.34; Community Interest Company Regulations 2005, reg. 26',
      url: LAW.cicAct34,
    },
    entity: 'cic',
    anchor: 'accounting_reference_date',
    offset: 9,
    unit: 'months',
    firstAccountsRule: true,
    statutory: true,
    workstream: 'governance',
    ownerParty: 'mutual',
  },
  {
    key: 'society_annual_return',
    title: 'Send the annual return and accounts to the FCA',
    guidance:
      'A registered society must send its annual return, with its accounts (and the auditor’s report where one is needed), to the Financial Conduct Authority within 7 months after the end of the period it covers, its year end (Co-operative and Community Benefit Societies Act 2014 s.89). A society files no confirmation statement.',
    source: { citation: 'Co-operative and Community Benefit Societies Act 2014, s.89', url: LAW.societies89 },
    entity: 'society',
    anchor: 'accounting_reference_date',
    offset: 7,
    unit: 'months',
    statutory: true,
    workstream: 'governance',
    ownerParty: 'mutual',
    byNation: {
      northern_ireland: {
        guidance:
          'A society registered in Northern Ireland sends its annual return to the registrar in Northern Ireland (the Department for the Economy) under the Co-operative and Community Benefit Societies Act (Northern Ireland) 1969, not to the FCA. Pathway is not sure of the Northern Ireland deadline and uses the Great Britain one (7 months after the year end): check it with the registrar and move this task’s deadline if it differs.',
        source: { citation: 'Co-operative and Community Benefit Societies Act (Northern Ireland) 1969', url: LAW.societiesNi },
      },
    },
  },
  {
    key: 'annual_results_return',
    title: 'Record the year’s results against the in-house baseline',
    guidance:
      'Record the financial year’s figures (staff turnover, sickness absence, staff and service user satisfaction, staff count, income, staff membership, social value) on the journey’s results, so they can be compared with the in-house baseline and with other mutuals. The Mutuals Taskforce asks for exactly this evidence (Recommendation 8). Pathway default: 3 months after the financial year ends.',
    source: { citation: 'Mutuals Taskforce, "Public service mutuals: the next steps" (2012), Recommendation 8', url: LAW.taskforce },
    entity: 'any',
    anchor: 'financial_year_end',
    offset: 3,
    unit: 'months',
    statutory: false,
    workstream: 'evidence',
    ownerParty: 'mutual',
  },
  {
    key: 'staff_survey',
    title: 'Run the yearly staff survey',
    guidance:
      'Ask the staff (the members) how the mutual is doing: satisfaction, voice in decisions, wellbeing. Its result is the staff satisfaction figure of the results return. Pathway default: 2 months before each transfer anniversary. No law requires it.',
    source: { citation: 'Mutuals Taskforce, "Public service mutuals: the next steps" (2012); pathway default', url: LAW.taskforce },
    entity: 'any',
    anchor: 'transfer_anniversary',
    offset: -2,
    unit: 'months',
    statutory: false,
    workstream: 'staff_engagement',
    ownerParty: 'mutual',
  },
  {
    key: 'annual_general_meeting',
    title: 'Hold the annual general meeting of members',
    guidance:
      'Present the accounts and the year’s results to the members and hold the elections the rules call for. A private company need not hold an AGM by law (Companies Act 2006 s.336 requires one only of a public company), but most mutuals’ articles, and a society’s rules, require one: check yours and move this deadline to what they say. Pathway default: within 6 months after the year end.',
    source: { citation: 'Companies Act 2006, s.336 (public companies only); the mutual’s articles or rules', url: LAW.s336 },
    entity: 'any',
    anchor: 'accounting_reference_date',
    offset: 6,
    unit: 'months',
    statutory: false,
    workstream: 'governance',
    ownerParty: 'mutual',
  },
];

export const PATHWAY_TEMPLATE_V3: PathwayTemplate = {
  ...PATHWAY_TEMPLATE_V2,
  version: 3,
  name: 'Public service mutual spin-out pathway (decisions that hold, sustainability and growth)',
  publishedOn: '2026-12-02',
  tasks: buildV3Tasks(PATHWAY_TEMPLATE_V2.tasks),
  // An upheld appeal asks the parent body to decide again (Taskforce rec. 2 ii): a pathway default, as editable as the 30 days to respond.
  reconsiderationResponseDays: 20,
  // A majority of eligible staff vote in a secret ballot, and a majority of those voting for or against support (CONTRACT "Staff voice").
  staffSupportThreshold: { minTurnout: 0.5, minSupportShare: 0.5 },
  yearlyTasks: V3_YEARLY_TASKS,
};
