/** Legal forms a public service mutual can take (Recommendation 2 iv: clear options with benefits and limits). */
import { LegalFormOption } from './types';

export const LEGAL_FORMS_V1: LegalFormOption[] = [
  {
    key: 'cic_limited_by_shares',
    name: 'Community interest company limited by shares',
    benefits: [
      'Staff can hold shares, so employee ownership is visible and can carry voting rights',
      'The asset lock and community interest test reassure commissioners and parent bodies that assets stay in public benefit',
      'Familiar company law; can pay capped dividends, which can help raise social investment',
    ],
    limits: [
      'A CIC cannot be a charity, so it gets no charitable tax reliefs',
      'Assets are locked: they can only be transferred for full value or to another asset-locked body',
      'Dividends are capped, and the company must file an annual community interest report (form CIC34)',
    ],
    registration:
      'Companies House with the CIC Regulator: articles with an asset lock plus a community interest statement (form CIC36). About 15 working days by post; faster online.',
    source:
      'Companies (Audit, Investigations and Community Enterprise) Act 2004; Community Interest Company Regulations 2005; GOV.UK "Set up a community interest company".',
  },
  {
    key: 'cic_limited_by_guarantee',
    name: 'Community interest company limited by guarantee',
    benefits: [
      'Membership can be open to all staff (and service users) on equal terms, one member one vote',
      'Asset lock and community interest test, as for a CIC with shares; used by City Health Care Partnership CIC',
      'No share capital to administer',
    ],
    limits: [
      'Cannot issue shares to raise equity, so finance is grants, loans or retained surplus',
      'A CIC cannot be a charity',
      'Annual community interest report (CIC34) as well as company filings',
    ],
    registration: 'Companies House with the CIC Regulator (form CIC36 and articles with an asset lock). About 15 working days by post.',
    source: 'Companies (Audit, Investigations and Community Enterprise) Act 2004; Community Interest Company Regulations 2005.',
  },
  {
    key: 'company_limited_by_guarantee',
    name: 'Company limited by guarantee',
    benefits: [
      'Simple, well understood form; members guarantee a nominal sum',
      'Can register as a charity if its purposes are exclusively charitable, unlike a CIC',
      'Membership and voting rules can give staff control',
    ],
    limits: [
      'No statutory asset lock unless written into the articles or it becomes a charity',
      'Cannot raise equity from staff or investors',
      'Employee control depends entirely on how the articles are drafted',
    ],
    registration: 'Companies House incorporation (form IN01 with articles of association); usually within 24 hours online.',
    source: 'Companies Act 2006; GOV.UK "Set up a private limited company".',
  },
  {
    key: 'cooperative_or_community_benefit_society',
    name: 'Co-operative society or community benefit society',
    benefits: [
      'Democratic by design: one member, one vote, whatever the investment',
      'Can raise withdrawable community shares from staff and the public',
      'A community benefit society can adopt a statutory asset lock',
    ],
    limits: [
      'Registration with the FCA, whose registration test (bona fide co-operative or for the benefit of the community) must be met',
      'Community share capital is withdrawable, which needs managing',
      'Less familiar to some commissioners and lenders than a company',
    ],
    registration:
      'Financial Conduct Authority Mutuals Public Register; the FCA aims to register 90% of applications within 15 working days.',
    source: 'Co-operative and Community Benefit Societies Act 2014; FCA guidance FG15/12.',
  },
  {
    key: 'mutual_joint_venture',
    name: 'Mutual joint venture',
    benefits: [
      'Brings in a private or voluntary-sector partner’s capital and expertise',
      'The government can keep a stake while staff hold a significant share (MyCSP: staff 25%)',
      'Suits large services that need investment to grow',
    ],
    limits: [
      'Staff hold a minority stake, so employee control must be secured through governance rights',
      'Choosing the partner is itself a procurement',
      'More complex shareholder agreement and exit terms',
    ],
    registration:
      'Usually a company limited by shares at Companies House, with a shareholders’ agreement between the government, the partner and the employee trust.',
    source: 'Cabinet Office, MyCSP mutual joint venture (2012); Mutuals Taskforce, "Public service mutuals: the next steps" (2012).',
  },
  {
    key: 'employee_benefit_trust',
    name: 'Employee ownership through an employee benefit trust',
    benefits: [
      'Shares are held in trust for all staff, so ownership does not depend on individuals buying shares',
      'Ownership continues as staff join and leave',
      'Tax reliefs may apply to an employee ownership trust holding a controlling interest',
    ],
    limits: [
      'Trustees, not staff directly, exercise the votes: staff voice needs its own governance',
      'Needs a company limited by shares beneath the trust, and a trust deed',
      'Tax treatment needs specialist advice',
    ],
    registration: 'A company limited by shares at Companies House, plus a trust deed establishing the employee benefit trust.',
    source: 'Finance Act 2014 (employee ownership trusts); Employee Ownership Association guidance.',
  },
];
