import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { JourneysService } from '@pathway/journeys/journeys.service';
import { EntityDatesService } from '@pathway/sustainability/entity-dates.service';
import { GrowthFinanceService } from '@pathway/sustainability/growth-finance.service';
import {
  GROWTH_FINANCE_KINDS,
  GROWTH_FINANCE_STATUSES,
  MAX_FINANCE_GBP,
  type GrowthFinanceKind,
  type GrowthFinanceStatus,
} from '@pathway/sustainability/sustainability.dto';
import { WebController } from '../auth/web-controller.decorator';
import { dateInputItems, dateInputValues, parseDateInput, type DateInputResult, type DateInputValues, type DatePart } from '../date-input';
import { formFailureFrom } from '../domain-form-errors';
import { buildFormErrors, field, type FormErrors, type FormProblem } from '../forms';
import { journeyPath } from '../journeys/journey-page.service';
import { setFlash } from '../support/flash';
import { WebIdPipe } from '../support/web-id.pipe';

const KIND_TEXT: Record<GrowthFinanceKind, string> = {
  loan: 'Loan',
  social_investment: 'Social investment',
  community_shares: 'Community shares',
  grant: 'Grant',
};
const STATUS_TEXT: Record<GrowthFinanceStatus, string> = {
  sought: 'Sought (applied for, no answer yet)',
  secured: 'Secured',
  declined: 'Declined',
};

interface DateField {
  values: DateInputValues;
  parts: DatePart[];
}
const dateField = (r: DateInputResult): DateField => ({ values: r.values, parts: r.problem?.parts ?? [] });

/**
 * The mutual lead's forms for sustainability and growth: the legal entity's dates
 * (`/journeys/:id/entity`) and growth finance (`/journeys/:id/growth-finance/new`). The services
 * decide who may and check the rules; the forms read GOV.UK date inputs and show the refusals.
 */
@WebController()
export class SustainabilityPagesController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly entity: EntityDatesService,
    private readonly finance: GrowthFinanceService,
  ) {}

  @Get('journeys/:id/entity')
  async entityForm(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Res() res: Response): Promise<void> {
    const dates = await this.entity.get(user, id);
    await this.renderEntity(res, user, id, {
      incorporationDate: { values: dateInputValues(dates.incorporationDate), parts: [] },
      accountingReferenceDate: { values: dateInputValues(dates.accountingReferenceDate), parts: [] },
    });
  }

  @Post('journeys/:id/entity')
  async saveEntity(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const inc = parseDateInput(body, { name: 'incorporationDate', label: 'the date of incorporation', required: true });
    const ard = parseDateInput(body, { name: 'accountingReferenceDate', label: 'the end of the first accounting period' });
    const fields = { incorporationDate: dateField(inc), accountingReferenceDate: dateField(ard) };
    const problems = [inc.problem, ard.problem].filter((p): p is NonNullable<typeof p> => !!p);
    if (problems.length) return this.renderEntity(res, user, id, fields, buildFormErrors(problems), 400);
    try {
      await this.entity.set(user, id, { incorporationDate: inc.value!, ...(ard.value ? { accountingReferenceDate: ard.value } : {}) });
    } catch (err) {
      const failure = formFailureFrom(err, {
        defaultField: 'incorporationDate',
        fields: { incorporationDate: 'The date of incorporation', accountingReferenceDate: 'The end of the first accounting period' },
      });
      if (!failure) throw err;
      highlight(fields, failure.problems);
      return this.renderEntity(res, user, id, fields, buildFormErrors(failure.problems.map(toDateHref)), failure.status);
    }
    setFlash(req, { heading: 'The legal entity’s dates are recorded', text: 'The yearly tasks follow them.' });
    res.redirect(303, `${journeyPath(id)}#yearly-cycle-heading`);
  }

  @Get('journeys/:id/growth-finance/new')
  async financeForm(@CurrentUser() user: Principal, @Param('id', WebIdPipe) id: string, @Res() res: Response): Promise<void> {
    await this.renderFinance(res, user, id, emptyFinance());
  }

  @Post('journeys/:id/growth-finance/new')
  async saveFinance(
    @CurrentUser() user: Principal,
    @Param('id', WebIdPipe) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const sought = parseDateInput(body, { name: 'soughtOn', label: 'the date it was sought', required: true });
    const secured = parseDateInput(body, { name: 'securedOn', label: 'the date it was secured' });
    const values: FinanceValues = {
      kind: field(body, 'kind'),
      amountGbp: field(body, 'amountGbp').trim(),
      funder: field(body, 'funder').trim(),
      purpose: field(body, 'purpose').trim(),
      status: field(body, 'status') || 'sought',
      soughtOn: dateField(sought),
      securedOn: dateField(secured),
    };
    const problems: FormProblem[] = [];
    if (!(GROWTH_FINANCE_KINDS as readonly string[]).includes(values.kind))
      problems.push({ field: 'kind', text: 'Select the kind of finance', href: '#kind' });
    const amount = values.amountGbp.replace(/^£/, '').replace(/,/g, '');
    if (!amount) problems.push({ field: 'amountGbp', text: 'Enter the amount in pounds' });
    else if (!/^\d+$/.test(amount) || Number(amount) < 1 || Number(amount) > MAX_FINANCE_GBP)
      problems.push({
        field: 'amountGbp',
        text: `Amount must be a whole number of pounds, from £1 to £${MAX_FINANCE_GBP.toLocaleString('en-GB')}`,
      });
    if (!values.funder) problems.push({ field: 'funder', text: 'Enter who the finance is from' });
    if (sought.problem) problems.push(sought.problem);
    if (secured.problem) problems.push(secured.problem);
    if (values.status === 'secured' && secured.empty)
      problems.push({ field: 'securedOn', text: 'Enter the date it was secured', href: '#securedOn-day' });
    if (problems.length) return this.renderFinance(res, user, id, values, buildFormErrors(problems), 400);
    try {
      await this.finance.create(user, id, {
        kind: values.kind as GrowthFinanceKind,
        amountGbp: Number(amount),
        funder: values.funder,
        ...(values.purpose ? { purpose: values.purpose } : {}),
        status: values.status as GrowthFinanceStatus,
        soughtOn: sought.value!,
        ...(secured.value ? { securedOn: secured.value } : {}),
      });
    } catch (err) {
      const failure = formFailureFrom(err, {
        defaultField: 'kind',
        fields: {
          kind: 'Kind',
          amountGbp: 'Amount',
          funder: 'Funder',
          purpose: 'Purpose',
          status: 'Status',
          soughtOn: 'The date it was sought',
          securedOn: 'The date it was secured',
        },
      });
      if (!failure) throw err;
      highlight(values as unknown as Record<string, DateField>, failure.problems);
      return this.renderFinance(res, user, id, values, buildFormErrors(failure.problems.map(toDateHref)), failure.status);
    }
    setFlash(req, { heading: 'Growth finance recorded' });
    res.redirect(303, `${journeyPath(id)}#growth-finance-heading`);
  }

  private async renderEntity(
    res: Response,
    user: Principal,
    id: string,
    fields: { incorporationDate: DateField; accountingReferenceDate: DateField },
    errors?: FormErrors,
    status = 200,
  ): Promise<void> {
    const { journey } = await this.journeys.get(user, id);
    res.status(status).render('journeys/entity-dates', {
      pageTitle: 'The legal entity’s dates',
      journey,
      incorporationItems: dateInputItems(fields.incorporationDate.values, fields.incorporationDate.parts),
      ardItems: dateInputItems(fields.accountingReferenceDate.values, fields.accountingReferenceDate.parts),
      errors,
      backLink: journeyPath(id),
    });
  }

  private async renderFinance(res: Response, user: Principal, id: string, values: FinanceValues, errors?: FormErrors, status = 200) {
    const { journey } = await this.journeys.get(user, id);
    res.status(status).render('journeys/growth-finance-new', {
      pageTitle: 'Record growth finance',
      journey,
      values,
      kindItems: GROWTH_FINANCE_KINDS.map((k) => ({ value: k, text: KIND_TEXT[k], checked: values.kind === k })),
      statusItems: GROWTH_FINANCE_STATUSES.map((s) => ({ value: s, text: STATUS_TEXT[s], checked: values.status === s })),
      soughtItems: dateInputItems(values.soughtOn.values, values.soughtOn.parts),
      securedItems: dateInputItems(values.securedOn.values, values.securedOn.parts),
      errors,
      backLink: journeyPath(id),
    });
  }
}

interface FinanceValues {
  kind: string;
  amountGbp: string;
  funder: string;
  purpose: string;
  status: string;
  soughtOn: DateField;
  securedOn: DateField;
}

function emptyFinance(): FinanceValues {
  const none = { values: dateInputValues(null), parts: [] };
  return { kind: '', amountGbp: '', funder: '', purpose: '', status: 'sought', soughtOn: none, securedOn: none };
}

/** A service refusal naming a date highlights the whole date input. */
function highlight(fields: Record<string, DateField | unknown>, problems: FormProblem[]): void {
  for (const p of problems) {
    const f = fields[p.field] as DateField | undefined;
    if (f && typeof f === 'object' && 'parts' in f) f.parts = ['day', 'month', 'year'];
  }
}

/** Service messages about a date point the summary at the date input's day field. */
function toDateHref(p: FormProblem): FormProblem {
  return ['incorporationDate', 'accountingReferenceDate', 'soughtOn', 'securedOn'].includes(p.field)
    ? { ...p, href: `#${p.field}-day` }
    : p;
}
