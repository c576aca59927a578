import { Body, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { REGIONS, SERVICE_AREAS } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import { IdentityService } from '@pathway/identity/identity.service';
import type { Principal } from '@pathway/identity/principal';
import { JourneysService } from '@pathway/journeys/journeys.service';
import { ForbiddenError } from '@pathway/platform/errors/domain-errors';
import { mayNameAsParentBody } from '@pathway/domain/parties/party-changes';
import { WebController } from '../auth/web-controller.decorator';
import { dateInputItems, type DatePart } from '../date-input';
import { formFailureFrom } from '../domain-form-errors';
import { buildFormErrors, type FormErrors } from '../forms';
import { label } from '../labels';
import { setFlash } from '../support/flash';
import { journeyPath } from './journey-page.service';
import {
  EMPTY_NEW_JOURNEY,
  NEW_JOURNEY_FIELDS,
  readNewJourneyForm,
  type NewJourneyValues,
  type OrganisationChoices,
} from './new-journey.form';

type Option = { value: string; text: string; selected?: boolean };
const KINDS = ['mutual', 'parent_body', 'commissioner', 'department', 'arbiter'] as const;

/** `/journeys/new`: the central team, or a mutual lead for their own organisation, starts a journey (JourneysService.create). */
@WebController('journeys')
export class NewJourneyController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly identity: IdentityService,
  ) {}

  @Get('new')
  async form(@CurrentUser() user: Principal, @Res() res: Response): Promise<void> {
    this.assertMayStart(user);
    await this.render(res, user, EMPTY_NEW_JOURNEY);
  }

  @Post('new')
  async create(
    @CurrentUser() user: Principal,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.assertMayStart(user);
    const fixedMutual = this.fixedMutual(user);
    const organisations = await this.organisations(user);
    const choices = Object.fromEntries(KINDS.map((k) => [k, organisations[k].map((o) => o.id)])) as unknown as OrganisationChoices;
    const { values, dto, problems, dateErrorParts } = await readNewJourneyForm(body, choices, fixedMutual);
    if (!dto) return this.render(res, user, values, buildFormErrors(problems), dateErrorParts, 400);
    try {
      const journey = await this.journeys.create(user, dto);
      setFlash(req, { heading: 'Journey started', text: 'Submit your expression of interest when you are ready.' });
      res.redirect(303, journeyPath(journey.id));
    } catch (err) {
      const failure = formFailureFrom(err, { defaultField: 'name', fields: NEW_JOURNEY_FIELDS });
      if (!failure) throw err;
      return this.render(res, user, values, buildFormErrors(failure.problems), [], failure.status);
    }
  }

  private assertMayStart(user: Principal): void {
    if (!AccessPolicy.isCentral(user) && user.role !== 'mutual_lead') {
      throw new ForbiddenError('Only the central team or a mutual’s lead can start a journey');
    }
  }

  private fixedMutual(user: Principal): string | null {
    return AccessPolicy.isCentral(user) ? null : user.organisationId;
  }

  /**
   * The organisations this person may name: the central team any; a mutual lead only its own
   * mutual and the parent bodies of its nation (the rule is JourneysService.create's,
   * domain/parties/party-changes.ts mayNameAsParentBody).
   */
  private async organisations(user: Principal) {
    const all = await Promise.all(KINDS.map((kind) => this.identity.listOrganisations({ kind })));
    const byKind = Object.fromEntries(KINDS.map((k, i) => [k, all[i]])) as unknown as Record<
      (typeof KINDS)[number],
      Array<{ id: string; name: string; kind: string; nation: string }>
    >;
    if (AccessPolicy.isCentral(user)) return byKind;
    const own = await this.identity.getOrganisation(user.organisationId);
    return {
      ...byKind,
      mutual: byKind.mutual.filter((o) => o.id === user.organisationId),
      parent_body: own ? byKind.parent_body.filter((o) => mayNameAsParentBody(own, o)) : [],
    };
  }

  private async render(
    res: Response,
    user: Principal,
    values: NewJourneyValues,
    errors?: FormErrors,
    dateErrorParts: DatePart[] = [],
    status = 200,
  ): Promise<void> {
    const organisations = await this.organisations(user);
    const select = (kind: (typeof KINDS)[number], selected: string, emptyText: string): Option[] => [
      { value: '', text: emptyText, selected: !selected },
      ...organisations[kind].map((o) => ({ value: o.id, text: o.name, selected: o.id === selected })),
    ];
    const enumSelect = (keys: readonly string[], kind: 'serviceArea' | 'region', selected: string, emptyText: string): Option[] => [
      { value: '', text: emptyText, selected: !selected },
      ...keys.map((k) => ({ value: k, text: label(k, kind), selected: k === selected })),
    ];
    res.status(status).render('journeys/new', {
      pageTitle: 'Start a journey',
      values,
      errors,
      fixedMutualName: this.fixedMutual(user) ? user.organisationName : null,
      options: {
        mutual: select('mutual', values.mutualOrganisationId, 'Select a mutual'),
        parentBody: select('parent_body', values.parentBodyId, 'Select a parent body'),
        commissioner: select('commissioner', values.commissionerId, 'None'),
        department: select('department', values.departmentId, 'None'),
        arbiter: select('arbiter', values.arbiterId, 'None'),
        serviceArea: enumSelect(SERVICE_AREAS, 'serviceArea', values.serviceArea, 'Select a service area'),
        region: enumSelect(REGIONS, 'region', values.region, 'Select a region'),
      },
      dateItems: dateInputItems(values.plannedTransferDate, dateErrorParts),
      backLink: '/',
    });
  }
}
