/**
 * Legal forms, version 2: version 1's options, corrected (City Health Care Partnership CIC is
 * limited by shares: its staff buy £1 shares), each saying whether it can meet Procurement Act 2023
 * s.33(6), plus a company limited by shares owned by its employees and a charity with a trading
 * subsidiary. Built from version 1's list, so a change there reaches version 2.
 */
import { LEGAL_FORMS_V1 } from './legal-forms.v1';
import type { LegalFormOption } from './types';

const S33 = 'Procurement Act 2023, s.33(6): https://www.legislation.gov.uk/ukpga/2023/54/section/33';
const CHCP =
  'City Health Care Partnership CIC (Hull, about 1,400 staff): every permanent member of staff may buy a £1 share (University of Southampton, "Exploring the Effectiveness of Public Service Mutuals")';

/** What version 2 changes in each version 1 form. */
const EDITS: Record<string, Partial<LegalFormOption>> = {
  cic_limited_by_shares: {
    example: CHCP,
    reservedContractFit: {
      canMeet: 'yes',
      note: 'Yes, if the articles give the employees control (for example staff shareholders holding the majority of votes and board seats) and profits go only to members or to the community: the asset lock and dividend cap help with the not-for-profit test.',
    },
  },
  cic_limited_by_guarantee: {
    benefits: [
      'Membership can be open to all staff (and service users) on equal terms, one member one vote',
      'Asset lock and community interest test, as for a CIC with shares',
      'No share capital to administer',
    ],
    reservedContractFit: {
      canMeet: 'yes',
      note: 'Yes, if the staff are the members (or control the board) so that the company is under the management and control of its employees; a CIC distributes no profit to guarantee members.',
    },
  },
  company_limited_by_guarantee: {
    reservedContractFit: {
      canMeet: 'depends',
      note: 'Only if the articles put it under the management and control of its employees and it does not distribute profits (or distributes them only to members). Nothing in the form guarantees either.',
    },
  },
  cooperative_or_community_benefit_society: {
    reservedContractFit: {
      canMeet: 'yes',
      note: 'Yes for a workers’ co-operative or a society whose members are mainly staff; a community benefit society run by its wider community may not be under the management and control of its employees.',
    },
  },
  mutual_joint_venture: {
    reservedContractFit: {
      canMeet: 'depends',
      note: 'At risk. With staff holding a minority (MyCSP: 25%) and an investor partner taking profits, the body may fail s.33(6)(c) ("under the management and control of its employees") and the not-for-profit test. Check the governance rights and profit terms with legal advice before relying on a reserved contract.',
    },
  },
  employee_benefit_trust: {
    reservedContractFit: {
      canMeet: 'depends',
      note: 'At risk. Trustees, not the employees, hold and vote the shares, so the company may not be "under the management and control of its employees" (s.33(6)(c)) unless the trust deed and articles give staff that control; dividends to outside shareholders would fail the not-for-profit test.',
    },
  },
};

const NEW_FORMS: LegalFormOption[] = [
  {
    key: 'company_limited_by_shares_employee_owned',
    name: 'Company limited by shares owned by its employees',
    benefits: [
      'Staff own shares directly, so ownership and voting are plain to see',
      'Familiar company law; can raise equity from staff (and, if the articles allow, others)',
      'Can combine direct shareholding with an employee ownership trust later',
    ],
    limits: [
      'No asset lock: assets and profits can leave public benefit unless the articles restrict them',
      'Share schemes, valuation and buying back leavers’ shares need administering and tax advice',
      'Outside investors can dilute staff control unless the articles prevent it',
    ],
    registration:
      'Companies House incorporation (form IN01 with articles); usually within 24 hours online. An employee share scheme may need HMRC notification.',
    source: 'Companies Act 2006; GOV.UK "Set up a private limited company" (https://www.gov.uk/limited-company-formation).',
    reservedContractFit: {
      canMeet: 'depends',
      note: 'Only if the employees hold control (the majority of votes) and profits are distributed only to members (the staff) or reinvested; dividends to outside investors would fail s.33(6).',
    },
  },
  {
    key: 'charity_with_trading_subsidiary',
    name: 'Charity with a trading subsidiary',
    benefits: [
      'The charity gets charitable reliefs (business rates, Gift Aid on the subsidiary’s profits) and can attract grants and donations',
      'The trading company can run contracts outside the charity’s objects and pass profits up to the charity',
      'Trustees’ duties and regulation reassure funders and commissioners',
    ],
    limits: [
      'Charity trustees generally cannot be paid staff, which limits employee control of the charity’s board',
      'Two organisations to run, with arm’s-length rules for money and staff between them',
      'Registration as a charity takes longer, and the Charity Commission (in Scotland OSCR, in Northern Ireland the Charity Commission for Northern Ireland) must accept the purposes',
    ],
    registration:
      'The charity (often a charitable company or CIO) registers with the Charity Commission for England and Wales, OSCR in Scotland or the Charity Commission for Northern Ireland; the trading subsidiary is a company limited by shares at Companies House, owned by the charity.',
    source:
      'Charities Act 2011; GOV.UK "Trustees, trading and tax" (CC35) (https://www.gov.uk/government/publications/trustees-trading-and-tax-how-charities-may-lawfully-trade-cc35).',
    reservedContractFit: {
      canMeet: 'depends',
      note: 'Doubtful. The charity is not-for-profit, but it is controlled by its trustees, who generally cannot be its employees, so it may fail s.33(6)(c); a trading subsidiary owned by the charity is controlled by the charity, not by the staff. Take legal advice before relying on a reserved contract.',
    },
  },
];

export const LEGAL_FORMS_V2: LegalFormOption[] = [
  ...LEGAL_FORMS_V1.map((f) => {
    const edit = EDITS[f.key] ?? {};
    return {
      ...f,
      ...edit,
      source: edit.reservedContractFit ? `${edit.source ?? f.source} Reserved contracts: ${S33}.` : (edit.source ?? f.source),
    };
  }),
  ...NEW_FORMS.map((f) => ({ ...f, source: `${f.source} Reserved contracts: ${S33}.` })),
];
