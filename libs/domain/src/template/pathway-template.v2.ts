/**
 * The pathway template, version 2: version 1's tasks, corrected, each saying which journeys it
 * applies to (nation × parent body type × staff size) and where its facts come from (a citation and
 * a link), with nation-specific law where it differs, plus the duties version 1 missed.
 *
 * Version 2 is built FROM version 1's task list, not copied: a change to a version 1 task (or a
 * task added to it) reaches version 2 unless an edit below overrides that field. A task added to
 * version 1 without an edit here applies everywhere and takes its link from KNOWN_LINKS (matched on
 * its citation); if none matches, validateTemplate fails naming the task, so add its edit to
 * V2_EDITS. See docs/pathway.md.
 */
import { BODY_TYPES, type BodyType, NATIONS, type Nation } from '../vocabulary';
import { LEGAL_FORMS_V2 } from './legal-forms.v2';
import { PATHWAY_TEMPLATE_V1 } from './pathway-template.v1';
import type { DueRule, PathwayTemplate, TaskAppliesTo, TaskNationVariant, TaskSource, TemplateTask } from './types';

const beforeT = (offset: number, unit: DueRule['unit']): DueRule => ({ anchor: 'planned_transfer_date', offset: -offset, unit });
const src = (citation: string, url: string): TaskSource => ({ citation, url });

const GB: Nation[] = ['england', 'wales', 'scotland'];
const ALL_NATIONS: Nation[] = [...NATIONS];
const ALL_BODIES: BodyType[] = [...BODY_TYPES];
/** Bodies whose staff are usually in the Local Government Pension Scheme. */
const LGPS_BODIES: BodyType[] = ['local_authority', 'fire_and_rescue', 'other_public_body'];
/** Bodies whose staff are usually in the NHS or civil service schemes (New Fair Deal, NHS access). */
const NON_LGPS_BODIES: BodyType[] = [
  'nhs_trust',
  'nhs_foundation_trust',
  'integrated_care_board',
  'central_government',
  'other_public_body',
];
const applies = (
  nations: Nation[] = ALL_NATIONS,
  bodyTypes: BodyType[] = ALL_BODIES,
  staffCount?: TaskAppliesTo['staffCount'],
): TaskAppliesTo => ({
  nations,
  bodyTypes,
  ...(staffCount ? { staffCount } : {}),
});
const EVERYWHERE = applies();

// Links. legislation.gov.uk and GOV.UK where the source is law or government guidance.
const L = {
  taskforce: 'https://eprints.lse.ac.uk/44579/',
  tupe: 'https://www.legislation.gov.uk/uksi/2006/246/contents',
  tupeReg11: 'https://www.legislation.gov.uk/uksi/2006/246/regulation/11',
  tupeReg13: 'https://www.legislation.gov.uk/uksi/2006/246/regulation/13',
  tupeReg13A: 'https://www.legislation.gov.uk/uksi/2006/246/regulation/13A',
  niSpc: 'https://www.legislation.gov.uk/nisr/2006/177/contents',
  niTransfers: 'https://www.nidirect.gov.uk/articles/transfers-employment-contracts',
  tulrca188: 'https://www.legislation.gov.uk/ukpga/1992/52/section/188',
  niCollective: 'https://www.legislation.gov.uk/nisi/1996/1919/article/216',
  procurementAct33: 'https://www.legislation.gov.uk/ukpga/2023/54/section/33',
  procurementAct51: 'https://www.legislation.gov.uk/ukpga/2023/54/section/51',
  procurementScotland: 'https://www.legislation.gov.uk/asp/2014/12/contents',
  contractsScotland: 'https://www.legislation.gov.uk/ssi/2015/446/contents',
  psr: 'https://www.legislation.gov.uk/uksi/2023/1348/contents',
  socialValue: 'https://www.legislation.gov.uk/ukpga/2012/3/contents',
  lgpsEw: 'https://www.legislation.gov.uk/uksi/2013/2356/schedule/2',
  lgpsScotland: 'https://www.legislation.gov.uk/ssi/2018/141/contents',
  lgpsNi: 'https://www.legislation.gov.uk/nisr/2014/188/contents',
  fairDeal: 'https://www.gov.uk/government/publications/fair-deal-guidance',
  bestValuePensions: 'https://www.legislation.gov.uk/ukpga/1999/27/section/101',
  lga123: 'https://www.legislation.gov.uk/ukpga/1972/70/section/123',
  scotlandDisposal: 'https://www.legislation.gov.uk/ukpga/1973/65/section/74',
  communityEmpowerment: 'https://www.legislation.gov.uk/asp/2015/6/part/5',
  niLocalGovernment: 'https://www.legislation.gov.uk/nia/2014/8/contents',
  subsidyControl: 'https://www.legislation.gov.uk/ukpga/2022/23/contents',
  subsidyGuidance: 'https://www.gov.uk/government/collections/subsidy-control-regime',
  vatAct33: 'https://www.legislation.gov.uk/ukpga/1994/23/section/33',
  vatRegister: 'https://www.gov.uk/register-for-vat',
  payeRegister: 'https://www.gov.uk/register-employer',
  elci: 'https://www.legislation.gov.uk/ukpga/1969/57/contents',
  elciNi: 'https://www.legislation.gov.uk/nisi/1972/963/contents',
  elciGuide: 'https://www.gov.uk/employers-liability-insurance',
  companiesAct: 'https://www.legislation.gov.uk/ukpga/2006/46/contents',
  confirmationStatement: 'https://www.gov.uk/file-your-confirmation-statement-with-companies-house',
  cicRegs: 'https://www.legislation.gov.uk/uksi/2005/1788/contents',
  cicSetUp: 'https://www.gov.uk/set-up-a-social-enterprise',
  societies: 'https://www.legislation.gov.uk/ukpga/2014/14/contents',
  societiesNi: 'https://www.legislation.gov.uk/apni/1969/24/contents',
  dataProtection: 'https://www.legislation.gov.uk/ukpga/2018/12/contents',
  localism: 'https://www.legislation.gov.uk/ukpga/2011/20/part/5/chapter/2',
} as const;

const TASKFORCE = 'Mutuals Taskforce, "Public service mutuals: the next steps" (Cabinet Office, 2012), chapter 3 and Recommendation 2';
const TUPE = 'Transfer of Undertakings (Protection of Employment) Regulations 2006 (SI 2006/246)';
const TUPE_NI =
  'TUPE 2006 as it applies in Northern Ireland (without the 2014 and 2023 Great Britain amendments) and the Service Provision Change (Protection of Employment) Regulations (Northern Ireland) 2006 (SR 2006/177)';
const taskforce = src(TASKFORCE, L.taskforce);

/**
 * Links for citations of tasks that version 2 has no edit for (a task added to version 1 later):
 * the first entry whose text the citation starts with gives the link.
 */
export const KNOWN_LINKS: ReadonlyArray<[string, string]> = [
  ['Mutuals Taskforce', L.taskforce],
  ['Procurement Act 2023, s.33', L.procurementAct33],
  ['Procurement Act 2023', 'https://www.legislation.gov.uk/ukpga/2023/54/contents'],
  ['Transfer of Undertakings', L.tupe],
  ['Companies Act 2006', L.companiesAct],
  ['Local Government Pension Scheme', L.lgpsEw],
  ['Public Services (Social Value) Act 2012', L.socialValue],
  ['Co-operative and Community Benefit Societies Act 2014', L.societies],
  ['Community Interest Company Regulations 2005', L.cicRegs],
];

type V2Edit = Partial<Omit<TemplateTask, 'key'>> & { source: TaskSource; appliesTo: TaskAppliesTo };

/** Version 2's edit of each version 1 task (fields not named keep version 1's value). */
const V2_EDITS: Record<string, V2Edit> = {
  appraise_service_options: { source: taskforce, appliesTo: EVERYWHERE },
  prepare_expression_of_interest: {
    guidance:
      'Write a short proposal for your board (the parent body) saying which service you want to run as a mutual and why. Staff put this to their employer, which decides. For NHS and adult social care services the Department of Health’s guide "Making Quality your Business: a guide to the right to provide" (2011) describes the process. Aim to submit about 18 months before the planned transfer date.',
    source: src(
      `${TASKFORCE}, footnote 15 (Department of Health, "Making Quality your Business: a guide to the right to provide", 2011)`,
      L.taskforce,
    ),
    appliesTo: EVERYWHERE,
  },
  respond_to_expression_of_interest: {
    guidance:
      'Accept or decline the staff’s expression of interest, giving reasons. No statutory response deadline was found, so this pathway allows 30 days by analogy with Community Right to Challenge practice. The grounds you are offered depend on your kind of body: only councils and fire and rescue authorities in England are bound by the Community Right to Challenge, so only they see its grounds, and none of those grounds is a reason to refuse the staff’s own request in itself. The staff can appeal a decline.',
    source: src(
      'Right to Provide (Cabinet Office, 2011; no statutory grounds or deadline); Localism Act 2011, Part 5 Chapter 2, by analogy; pathway default',
      L.localism,
    ),
    appliesTo: EVERYWHERE,
  },
  brief_department_sponsor: {
    guidance:
      'Tell the sponsoring government department about the proposal (in Scotland, Wales and Northern Ireland, usually the devolved government’s department for the service) and confirm who staff or the parent body can escalate concerns or appeals to. Where the department has a conflict of interest, name an independent arbiter. The Taskforce asks every department to offer this.',
    source: src(`${TASKFORCE} (Recommendation 2 ii)`, L.taskforce),
    appliesTo: EVERYWHERE,
  },
  offer_central_support: { source: src(`${TASKFORCE} (Recommendation 2 iii and iv)`, L.taskforce), appliesTo: EVERYWHERE },
  appoint_parent_body_sponsor: { source: taskforce, appliesTo: EVERYWHERE },
  engage_staff_on_proposal: {
    guidance:
      'Hold open sessions and answer staff questions, especially about pensions: managers at Aspire Sussex and City Health Care Partnership told the University of Southampton study "Exploring the Effectiveness of Public Service Mutuals" that pensions confused staff most. A spin-out without staff support fails: in Gloucestershire, a campaigner quoted by Civil Society said 91% of staff preferred a standalone NHS trust, and the spin-out was stopped.',
    source: src(
      `${TASKFORCE} (staff engagement); University of Southampton, "Exploring the Effectiveness of Public Service Mutuals" (pensions); Civil Society, "Analysis: The Public Sector Mutuals next steps report" (2012) (Gloucestershire)`,
      L.taskforce,
    ),
    appliesTo: EVERYWHERE,
  },
  hold_staff_ballot: { source: taskforce, appliesTo: EVERYWHERE },
  build_financial_model: { source: taskforce, appliesTo: EVERYWHERE },
  write_business_case: { source: taskforce, appliesTo: EVERYWHERE },
  review_business_case: {
    source: src('Pathway default (20 working days); Mutuals Taskforce (2012), chapter 3', L.taskforce),
    appliesTo: EVERYWHERE,
  },
  shortlist_legal_forms: {
    guidance:
      'Compare the legal forms in this pathway against what staff and commissioners need. Each says whether it can meet section 33(6) of the Procurement Act 2023 (not-for-profit, and under the management and control of its employees), which a mutual needs to bid for a contract reserved to mutuals in England, Wales or Northern Ireland. A mutual joint venture or an employee-trust form may not meet it.',
    source: src(`${TASKFORCE} (Recommendation 2 iv); Procurement Act 2023, s.33(6)`, L.procurementAct33),
    appliesTo: EVERYWHERE,
  },
  confirm_pension_route: {
    guidance:
      'Work out which pension route applies to the staff who transfer. Council and fire authority staff (and many other public bodies’ staff) are usually in the Local Government Pension Scheme, kept through an admission agreement. Under New Fair Deal (2013) compulsorily transferred central government, NHS and school staff can stay in their public scheme; for NHS staff the new provider applies for access to the NHS Pension Scheme. Firefighters in the Firefighters’ Pension Scheme need specialist advice: this pathway does not cover it.',
    source: src('HM Treasury, Fair Deal for staff pensions: staff transfer from central government (October 2013)', L.fairDeal),
    appliesTo: EVERYWHERE,
    byNation: {
      scotland: {
        guidance:
          'Work out which pension route applies. Council staff are usually in the Local Government Pension Scheme (Scotland), kept through an admission agreement with the fund. NHS staff are in the NHS Superannuation Scheme (Scotland), run by the Scottish Public Pensions Agency. Whether New Fair Deal (an HM Treasury policy for UK government bodies) covers a devolved Scottish body is not settled by this pathway: ask the Scottish Government and the fund.',
        source: src(
          'Local Government Pension Scheme (Scotland) Regulations 2018 (SSI 2018/141); HM Treasury, Fair Deal for staff pensions (2013)',
          L.lgpsScotland,
        ),
      },
      northern_ireland: {
        guidance:
          'Work out which pension route applies. Council staff are usually in the Northern Ireland Local Government Pension Scheme (NILGOSC), kept through an admission agreement; health and social care staff are in the HSC Pension Scheme. Whether New Fair Deal covers a Northern Ireland body is not settled by this pathway: ask the sponsoring Northern Ireland department.',
        source: src('Local Government Pension Scheme Regulations (Northern Ireland) 2014 (SR 2014/188)', L.lgpsNi),
      },
    },
  },
  request_pension_admission: {
    guidance:
      'Ask the pension fund’s administering authority to start an admission agreement. Admission needs the fund, the council (or other scheme employer) and the new body, an actuarial report and possibly a bond; 9 to 12 months is typical, so start about 12 months before transfer.',
    source: src('Local Government Pension Scheme Regulations 2013 (SI 2013/2356), Schedule 2 Part 3', L.lgpsEw),
    appliesTo: applies(ALL_NATIONS, LGPS_BODIES),
    byNation: {
      scotland: {
        source: src('Local Government Pension Scheme (Scotland) Regulations 2018 (SSI 2018/141), admission bodies', L.lgpsScotland),
      },
      northern_ireland: {
        source: src('Local Government Pension Scheme Regulations (Northern Ireland) 2014 (SR 2014/188), admission bodies', L.lgpsNi),
      },
    },
  },
  confirm_commissioning_route: {
    guidance:
      'Decide how the first contract will be awarded. Under the Procurement Act 2023 (in force 24 February 2025) section 33 lets an authority reserve some light-touch service contracts to public service mutuals for up to five years, but not to a mutual that won a comparable reserved contract from the same authority in the previous three years. NHS health care services in England are arranged under the Provider Selection Regime (2024) instead. Consider social value under the Public Services (Social Value) Act 2012.',
    source: src(
      'Procurement Act 2023, s.33; Health Care Services (Provider Selection Regime) Regulations 2023 (SI 2023/1348); Public Services (Social Value) Act 2012',
      L.procurementAct33,
    ),
    appliesTo: EVERYWHERE,
    byNation: {
      wales: {
        guidance:
          'Decide how the first contract will be awarded. The Procurement Act 2023 (in force 24 February 2025) applies to Welsh authorities, so section 33 lets an authority reserve some light-touch service contracts to public service mutuals for up to five years, but not to a mutual that won a comparable reserved contract from the same authority in the previous three years. The Provider Selection Regime is England only; NHS Wales health services have their own rules under the Health Service Procurement (Wales) Act 2024, whose commencement this pathway does not track: check with the health board.',
        source: src('Procurement Act 2023, s.33; Health Service Procurement (Wales) Act 2024', L.procurementAct33),
      },
      scotland: {
        guidance:
          'Decide how the first contract will be awarded. The Procurement Act 2023 does not apply to devolved Scottish authorities, so its section 33 reserved contracts for mutuals are not available. Scottish authorities procure under the Procurement Reform (Scotland) Act 2014 and the Public Contracts (Scotland) Regulations 2015. Whether those Regulations let this authority reserve the contract to a mutual, and on what terms, is for the authority’s procurement advisers: this pathway does not assume it can.',
        source: src(
          'Procurement Reform (Scotland) Act 2014 (asp 12); Public Contracts (Scotland) Regulations 2015 (SSI 2015/446)',
          L.procurementScotland,
        ),
      },
      northern_ireland: {
        guidance:
          'Decide how the first contract will be awarded. The Procurement Act 2023 (in force 24 February 2025) applies to Northern Ireland authorities, so section 33 lets an authority reserve some light-touch service contracts to public service mutuals for up to five years, but not to a mutual that won a comparable reserved contract from the same authority in the previous three years. The Provider Selection Regime is England only.',
        source: src('Procurement Act 2023, s.33', L.procurementAct33),
      },
    },
  },
  choose_legal_form: {
    guidance:
      'Choose one of the legal forms in this pathway, with legal advice, and record why. Each option lists its benefits and limits and whether it can meet Procurement Act 2023 s.33(6): a mutual joint venture, or a company owned through an employee trust, may not be "under the management and control of its employees" (s.33(6)(c)) and so could not bid for a contract reserved to mutuals.',
    source: src(`${TASKFORCE} (Recommendation 2 iv); Procurement Act 2023, s.33(6)`, L.procurementAct33),
    appliesTo: EVERYWHERE,
  },
  draft_governing_documents: {
    source: src(
      'Companies Act 2006; Community Interest Company Regulations 2005; Co-operative and Community Benefit Societies Act 2014',
      L.companiesAct,
    ),
    appliesTo: EVERYWHERE,
    byNation: {
      northern_ireland: {
        source: src(
          'Companies Act 2006; Community Interest Company Regulations 2005; for a society, the Northern Ireland societies legislation (the Industrial and Provident Societies Act (Northern Ireland) 1969 as amended: check its current title and registrar with your adviser)',
          L.societiesNi,
        ),
      },
    },
  },
  register_entity: {
    source: src('GOV.UK, "Set up a social enterprise" (CIC registration); FCA, registering a society (FG15/12)', L.cicSetUp),
    appliesTo: EVERYWHERE,
    byNation: {
      northern_ireland: {
        guidance:
          'Register with Companies House (and the CIC Regulator for a CIC: about 15 working days by post). A society in Northern Ireland is registered under Northern Ireland legislation, not with the FCA; this pathway does not state the registrar’s timings, so ask it before fixing the timetable.',
        source: src(
          'GOV.UK, "Set up a social enterprise"; Industrial and Provident Societies Act (Northern Ireland) 1969 (check its current title)',
          L.cicSetUp,
        ),
      },
    },
  },
  appoint_board: { source: taskforce, appliesTo: EVERYWHERE },
  secure_working_capital: {
    guidance:
      'Arrange the cash the new organisation needs from day one (loan, social investment or agreed payment terms in the contract). A start-up loan or grant from a public authority on better than market terms may be a subsidy: see the subsidy control task.',
    source: src(`${TASKFORCE}; Subsidy Control Act 2022`, L.subsidyControl),
    appliesTo: EVERYWHERE,
  },
  assess_vat_recovery: {
    source: src(
      'Value Added Tax Act 1994, s.33 and Schedule 9 Group 7; HMRC VAT Notice 701/2 (welfare services); Community Interest Company Regulations 2005',
      L.vatAct33,
    ),
    appliesTo: EVERYWHERE,
  },
  commission_actuarial_report: {
    source: src('Local Government Pension Scheme Regulations 2013 (SI 2013/2356), Schedule 2 Part 3', L.lgpsEw),
    appliesTo: applies(ALL_NATIONS, LGPS_BODIES),
    byNation: {
      scotland: { source: src('Local Government Pension Scheme (Scotland) Regulations 2018 (SSI 2018/141)', L.lgpsScotland) },
      northern_ireland: { source: src('Local Government Pension Scheme Regulations (Northern Ireland) 2014 (SR 2014/188)', L.lgpsNi) },
    },
  },
  secure_pension_access: {
    guidance:
      'Confirm in writing that transferring staff keep access to their public service scheme: New Fair Deal access for central government, NHS and school staff (the new employer signs an admission agreement with the scheme), or NHS Pension Scheme access for NHS staff.',
    source: src('HM Treasury, Fair Deal for staff pensions: staff transfer from central government (October 2013)', L.fairDeal),
    appliesTo: applies(ALL_NATIONS, NON_LGPS_BODIES),
    byNation: {
      scotland: {
        guidance:
          'Confirm in writing that transferring staff keep access to their public service scheme (for NHS staff, the NHS Superannuation Scheme (Scotland), through the Scottish Public Pensions Agency). This pathway does not settle whether New Fair Deal covers a devolved Scottish body: get it in writing from the scheme.',
      },
      northern_ireland: {
        guidance:
          'Confirm in writing that transferring staff keep access to their public service scheme (for health and social care staff, the HSC Pension Scheme). This pathway does not settle whether New Fair Deal covers a Northern Ireland body: get it in writing from the scheme.',
      },
    },
  },
  elect_employee_representatives: {
    source: src(`${TUPE}, regs. 13 and 14`, L.tupeReg13),
    appliesTo: EVERYWHERE,
    byNation: { northern_ireland: { source: src(`${TUPE_NI}: informing and consulting representatives`, L.niSpc) } },
  },
  send_measures_letter: {
    source: src(`${TUPE}, reg. 13(4)`, L.tupeReg13),
    appliesTo: EVERYWHERE,
    byNation: { northern_ireland: { source: src(`${TUPE_NI}: the measures the new employer envisages`, L.niSpc) } },
  },
  inform_and_consult_staff: {
    source: src(`${TUPE}, regs. 13 to 16`, L.tupeReg13),
    appliesTo: EVERYWHERE,
    byNation: {
      northern_ireland: {
        guidance:
          'Inform representatives of the transfer, its date and reasons, its implications and any measures, "long enough before" the transfer to allow consultation; consult where measures are envisaged. In Northern Ireland every employer must do this through a recognised union or elected representatives, however small the transfer: the Great Britain exceptions for small employers and small transfers do not apply. A tribunal can award up to 13 weeks’ pay per affected employee for failure.',
        source: src(TUPE_NI, L.niSpc),
      },
    },
  },
  provide_employee_liability_information: {
    source: src(
      `${TUPE}, reg. 11, as amended by the Collective Redundancies and Transfer of Undertakings (Protection of Employment) (Amendment) Regulations 2014 (SI 2014/16), for transfers on or after 1 May 2014`,
      L.tupeReg11,
    ),
    appliesTo: EVERYWHERE,
    byNation: {
      northern_ireland: {
        guidance:
          'Send the new employer written employee liability information (identity and age of each transferring employee, particulars of employment, disciplinary and grievance records, claims, collective agreements) at least two weeks before the transfer. In Northern Ireland the period is still 14 days: the 2014 change to 28 days was made for Great Britain only. Sending it earlier helps the new employer plan.',
        source: src(`${TUPE_NI}, reg. 11 (14 days); nidirect, "Transfers of employment contracts"`, L.niTransfers),
        due: beforeT(14, 'calendar_days'),
      },
    },
  },
  plan_collective_redundancy_consultation: {
    guidance:
      'Only if 20 or more redundancies are proposed at one establishment within 90 days: consult for at least 30 days (20 to 99 dismissals) or 45 days (100 or more) before the first dismissal, and notify the Secretary of State (form HR1). This task appears only when 20 or more staff transfer; mark it not applicable, with the reason, if no redundancies are proposed.',
    source: src('Trade Union and Labour Relations (Consolidation) Act 1992, ss.188 and 193', L.tulrca188),
    appliesTo: applies(ALL_NATIONS, ALL_BODIES, { min: 20 }),
    byNation: {
      northern_ireland: {
        guidance:
          'Only if 20 or more redundancies are proposed at one establishment within 90 days: consult for at least 30 days (20 to 99 dismissals) or 90 days (100 or more: the Great Britain reduction to 45 days does not apply in Northern Ireland) before the first dismissal, and notify the Department for the Economy. This task appears only when 20 or more staff transfer; mark it not applicable, with the reason, if no redundancies are proposed.',
        source: src('Employment Rights (Northern Ireland) Order 1996 (SI 1996/1919 (N.I. 16)), Articles 216 and 216A', L.niCollective),
      },
    },
  },
  agree_asset_transfer: {
    guidance:
      'List the buildings, equipment, IT, data and contracts that move, and on what terms. A council must get the best consideration reasonably obtainable (s.123 Local Government Act 1972) unless the disposal is a short tenancy (a lease of 7 years or less, s.123(2) and (7)) or a general disposal consent applies (in England the General Disposal Consent 2003 allows an undervalue of up to £2 million; Wales has its own consent). Community Asset Transfer often uses leases of 25 years or more. An NHS body follows its own estates rules. An undervalue transfer may also be a subsidy: see the subsidy control task.',
    source: src(
      'Local Government Act 1972, s.123(2) and (7); Local Government Act 1972: General Disposal Consent (England) 2003',
      L.lga123,
    ),
    appliesTo: EVERYWHERE,
    byNation: {
      scotland: {
        guidance:
          'List the buildings, equipment, IT, data and contracts that move, and on what terms. A Scottish council disposing of land for less than the best consideration reasonably obtainable needs to meet the Disposal of Land by Local Authorities (Scotland) Regulations 2010 (s.74 Local Government (Scotland) Act 1973); community bodies can also make asset transfer requests under Part 5 of the Community Empowerment (Scotland) Act 2015. An NHS board follows its own property rules. An undervalue transfer may also be a subsidy: see the subsidy control task.',
        source: src('Local Government (Scotland) Act 1973, s.74; Community Empowerment (Scotland) Act 2015, Part 5', L.scotlandDisposal),
      },
      northern_ireland: {
        guidance:
          'List the buildings, equipment, IT, data and contracts that move, and on what terms. The rules for disposals below market value by Northern Ireland councils and health and social care bodies differ from England’s, and this pathway does not state them: take legal advice before agreeing terms. An undervalue transfer may also be a subsidy: see the subsidy control task.',
        source: src('Local Government Act (Northern Ireland) 2014 (check the disposal rules with your adviser)', L.niLocalGovernment),
      },
    },
  },
  sign_lease_or_licence: {
    source: src('Local Government Act 1972, s.123; pathway default (6 weeks before transfer)', L.lga123),
    appliesTo: EVERYWHERE,
    byNation: {
      scotland: {
        source: src('Local Government (Scotland) Act 1973, s.74; pathway default (6 weeks before transfer)', L.scotlandDisposal),
      },
      northern_ireland: {
        source: src('Local Government Act (Northern Ireland) 2014; pathway default (6 weeks before transfer)', L.niLocalGovernment),
      },
    },
  },
  award_first_contract: {
    source: src(`Procurement Act 2023, ss.33 and 51; ${TASKFORCE}`, L.procurementAct51),
    appliesTo: EVERYWHERE,
    byNation: {
      scotland: {
        guidance:
          'Award the contract and observe the standstill period the Public Contracts (Scotland) Regulations 2015 require before signing (the Procurement Act 2023’s 8 working days do not apply to devolved Scottish authorities). The Taskforce recommends an initial contract of at least five years.',
        source: src(`Public Contracts (Scotland) Regulations 2015 (SSI 2015/446); ${TASKFORCE}`, L.contractsScotland),
      },
    },
  },
  sign_first_contract: {
    source: src('Procurement Act 2023, s.51; pathway default', L.procurementAct51),
    appliesTo: EVERYWHERE,
    byNation: {
      scotland: { source: src('Public Contracts (Scotland) Regulations 2015 (SSI 2015/446); pathway default', L.contractsScotland) },
    },
  },
  set_up_finance_systems: {
    title: 'Set up banking, payroll and accounting',
    guidance:
      'Open bank accounts, set up payroll and accounting, and buy the insurance the new organisation needs beyond employer’s liability (which has its own task).',
    source: src('Pathway default; GOV.UK, "Employers’ liability insurance"', L.elciGuide),
    appliesTo: EVERYWHERE,
  },
  sign_pension_admission_agreement: {
    guidance:
      'The fund, the council (or other scheme employer) and the new body sign the admission agreement before the transfer date so that staff stay in the scheme without a break.',
    source: src('Local Government Pension Scheme Regulations 2013 (SI 2013/2356), Schedule 2 Part 3', L.lgpsEw),
    appliesTo: applies(ALL_NATIONS, LGPS_BODIES),
    byNation: {
      scotland: { source: src('Local Government Pension Scheme (Scotland) Regulations 2018 (SSI 2018/141)', L.lgpsScotland) },
      northern_ireland: { source: src('Local Government Pension Scheme Regulations (Northern Ireland) 2014 (SR 2014/188)', L.lgpsNi) },
    },
  },
  confirm_transferring_staff_list: {
    source: src(`${TUPE}, reg. 11(5)`, L.tupeReg11),
    appliesTo: EVERYWHERE,
    byNation: { northern_ireland: { source: src(`${TUPE_NI}, reg. 11`, L.niSpc) } },
  },
  transfer_data_and_equipment: {
    source: src('UK GDPR and Data Protection Act 2018; ICO data sharing code of practice', L.dataProtection),
    appliesTo: EVERYWHERE,
  },
  brief_staff_on_transfer_day: { source: taskforce, appliesTo: EVERYWHERE },
  gather_first_year_evidence: { source: taskforce, appliesTo: EVERYWHERE },
  first_year_contract_review: {
    source: src('Pathway default (12 months after transfer); Mutuals Taskforce (2012)', L.taskforce),
    appliesTo: EVERYWHERE,
  },
  department_post_transfer_check_in: { source: src(`${TASKFORCE} (Recommendation 2 ii)`, L.taskforce), appliesTo: EVERYWHERE },
  record_results_in_pipeline: { source: taskforce, appliesTo: EVERYWHERE },
  agree_growth_finance_plan: { source: taskforce, appliesTo: EVERYWHERE },
  plan_reprocurement: {
    source: src('Procurement Act 2023, s.33', L.procurementAct33),
    appliesTo: EVERYWHERE,
    byNation: {
      scotland: {
        guidance:
          'Prepare for the contract’s renewal well before it ends, under the Procurement Reform (Scotland) Act 2014 and the Public Contracts (Scotland) Regulations 2015 (the Procurement Act 2023’s reserved contracts do not apply to devolved Scottish authorities).',
        source: src('Procurement Reform (Scotland) Act 2014 (asp 12)', L.procurementScotland),
      },
    },
  },
};

/**
 * Version 1 tasks that version 2 replaces: `register_for_vat_and_paye` (two duties with different
 * rules) and `file_annual_returns` (anchored on the transfer, though a company's first confirmation
 * statement follows its incorporation).
 */
const V2_REMOVED = ['register_for_vat_and_paye', 'file_annual_returns'];

const task = (t: Omit<TemplateTask, 'dependsOn'> & { dependsOn?: string[] }): TemplateTask => ({ dependsOn: [], ...t });

/** Duties version 1 missed, each placed after the task named. */
const V2_NEW: Array<{ after: string; task: TemplateTask }> = [
  {
    after: 'commission_actuarial_report',
    task: task({
      key: 'secure_best_value_pension_protection',
      title: 'Secure pension protection for transferring staff (Best Value Direction)',
      guidance:
        'As a best value authority, the council (or fire and rescue authority) must secure that transferring staff keep pension rights: access to the Local Government Pension Scheme through an admission agreement, or a broadly comparable scheme certified by an actuary. Write this into the transfer agreement and the contract. In Wales a Welsh Direction of 2012 is understood to make the same requirement: confirm it with your legal adviser.',
      source: src(
        'Best Value Authorities Staff Transfers (Pensions) Direction 2007, made under the Local Government Act 1999, s.101',
        L.bestValuePensions,
      ),
      appliesTo: applies(['england', 'wales'], ['local_authority', 'fire_and_rescue']),
      phase: 'spinning_out',
      gateState: 'entity_registered',
      mandatory: true,
      statutory: true,
      workstream: 'pensions',
      ownerParty: 'parent_body',
      dependsOn: ['confirm_pension_route'],
      due: beforeT(3, 'months'),
    }),
  },
  {
    after: 'assess_vat_recovery',
    task: task({
      key: 'register_for_paye',
      title: 'Register as an employer for PAYE',
      guidance:
        'Register with HMRC as an employer before the first payday; registration can take up to 5 working days, and you cannot register more than 2 months before you start paying people.',
      source: src('HMRC, "Register as an employer" (GOV.UK)', L.payeRegister),
      appliesTo: EVERYWHERE,
      phase: 'spinning_out',
      gateState: 'entity_registered',
      mandatory: true,
      statutory: true,
      workstream: 'vat',
      ownerParty: 'mutual',
      dependsOn: ['register_entity'],
      due: beforeT(6, 'weeks'),
    }),
  },
  {
    after: 'register_for_paye',
    task: task({
      key: 'register_for_vat',
      title: 'Register for VAT if you must (or choose to)',
      guidance:
        'You must register for VAT if taxable turnover will go over the threshold (£90,000 from 1 April 2024) in the next 30 days alone, or has gone over it in the last 12 months. Welfare services are often exempt, which does not count towards the threshold. You may register voluntarily if that helps recovery. Record your decision either way.',
      source: src('HMRC, "Register for VAT" (GOV.UK): threshold £90,000 from 1 April 2024', L.vatRegister),
      appliesTo: EVERYWHERE,
      phase: 'spinning_out',
      gateState: 'entity_registered',
      mandatory: true,
      workstream: 'vat',
      ownerParty: 'mutual',
      dependsOn: ['register_entity', 'assess_vat_recovery'],
      due: beforeT(8, 'weeks'),
    }),
  },
  {
    after: 'inform_and_consult_staff',
    task: task({
      key: 'consider_direct_consultation_small_transfer',
      title: 'Check whether you may consult the transferring staff directly',
      guidance:
        'Fewer than 10 staff transfer. In Great Britain, for transfers on or after 1 July 2024, an employer with fewer than 50 employees, or any employer where fewer than 10 employees transfer, may inform and consult the affected employees directly instead of arranging the election of representatives, but only where there is no recognised union and there are no existing representatives. If that applies, record it and mark "Arrange elected employee representatives" not applicable with that reason; if a union is recognised, consult through it.',
      source: src(
        `${TUPE}, reg. 13A, as amended by the Employment Rights (Amendment, Revocation and Transitional Provision) Regulations 2023 (SI 2023/1426)`,
        L.tupeReg13A,
      ),
      appliesTo: applies(GB, ALL_BODIES, { max: 9 }),
      phase: 'spinning_out',
      gateState: null,
      mandatory: false,
      workstream: 'tupe',
      ownerParty: 'parent_body',
      due: beforeT(16, 'weeks'),
    }),
  },
  {
    after: 'agree_asset_transfer',
    task: task({
      key: 'assess_subsidy_control',
      title: 'Check the transfer and any start-up funding against subsidy control',
      guidance:
        'Transferring assets below market value, a start-up loan or grant on better than market terms, or a contract above market price can each be a subsidy. Check the subsidy control principles, whether an exemption such as minimal financial assistance applies (check the current threshold), and what must be recorded on the subsidy database. Some subsidies in Northern Ireland fall under Article 10 of the Windsor Framework instead: take advice there.',
      source: src('Subsidy Control Act 2022; GOV.UK, "Subsidy control regime"', L.subsidyControl),
      appliesTo: EVERYWHERE,
      phase: 'spinning_out',
      gateState: null,
      mandatory: false,
      workstream: 'assets',
      ownerParty: 'parent_body',
      dependsOn: [],
      due: beforeT(4, 'months'),
    }),
  },
  {
    after: 'set_up_finance_systems',
    task: task({
      key: 'buy_employers_liability_insurance',
      title: 'Buy employer’s liability insurance',
      guidance:
        'An employer must hold employer’s liability insurance (cover of at least £5 million) from the first day it employs staff, and display the certificate. The mutual employs the transferring staff from the transfer date.',
      source: src("Employers' Liability (Compulsory Insurance) Act 1969", L.elci),
      appliesTo: EVERYWHERE,
      phase: 'spinning_out',
      gateState: 'ready_for_transfer',
      mandatory: true,
      statutory: true,
      workstream: 'finance',
      ownerParty: 'mutual',
      dependsOn: ['register_entity'],
      due: beforeT(2, 'weeks'),
      byNation: {
        northern_ireland: {
          source: src("Employers' Liability (Defective Equipment and Compulsory Insurance) (Northern Ireland) Order 1972", L.elciNi),
        },
      },
    }),
  },
  {
    after: 'department_post_transfer_check_in',
    task: task({
      key: 'file_first_confirmation_statement',
      title: 'File the first confirmation statement at Companies House',
      guidance:
        'A company must file a confirmation statement within 14 days after the end of each review period; the first review period ends on the first anniversary of incorporation, so this is due about a year and two weeks after the company was registered, whatever the transfer date (this pathway counts 379 days, a day early in a leap year). Accounts follow the accounting reference date; a CIC files its community interest report (CIC34) with them; a society files an annual return with its registrar instead of a confirmation statement (mark this not applicable, with that reason).',
      source: src(
        'Companies Act 2006, ss.853A and 853B; GOV.UK, "File your confirmation statement with Companies House"',
        L.confirmationStatement,
      ),
      appliesTo: EVERYWHERE,
      phase: 'sustainability',
      gateState: null,
      mandatory: false,
      statutory: true,
      workstream: 'governance',
      ownerParty: 'mutual',
      dependsOn: [],
      due: { anchor: 'register_legal_entity', offset: 379, unit: 'calendar_days' },
      createdOn: 'register_legal_entity',
    }),
  },
];

function linkFor(citation: string): string {
  return KNOWN_LINKS.find(([prefix]) => citation.startsWith(prefix))?.[1] ?? '';
}

/** A version 1 task as version 2 has it: its edit applied, or (no edit) everywhere with a known link. */
function toV2(t: TemplateTask): TemplateTask {
  const edit = V2_EDITS[t.key];
  if (edit) return { ...t, ...edit };
  const citation = typeof t.source === 'string' ? t.source : t.source.citation;
  return {
    ...t,
    source: typeof t.source === 'string' ? { citation, url: linkFor(citation) } : t.source,
    appliesTo: t.appliesTo ?? EVERYWHERE,
  };
}

/** Version 2's tasks from a version 1 task list (exported so its rules can be tested on any list). */
export function buildV2Tasks(v1Tasks: readonly TemplateTask[]): TemplateTask[] {
  const tasks = v1Tasks.filter((t) => !V2_REMOVED.includes(t.key)).map(toV2);
  for (const { after, task: added } of V2_NEW) {
    const at = tasks.findIndex((t) => t.key === after);
    tasks.splice(at < 0 ? tasks.length : at + 1, 0, added);
  }
  return tasks;
}

export const PATHWAY_TEMPLATE_V2: PathwayTemplate = {
  ...PATHWAY_TEMPLATE_V1,
  version: 2,
  name: 'Public service mutual spin-out pathway (UK nations and parent body types)',
  publishedOn: '2026-12-01',
  tasks: buildV2Tasks(PATHWAY_TEMPLATE_V1.tasks),
  legalForms: LEGAL_FORMS_V2,
};

export type { TaskNationVariant };
