import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ORGANISATION_KINDS, type OrganisationKind } from '@pathway/domain/vocabulary';
import { AccessPolicy } from '@pathway/identity/access-policy';
import { AccountAudit } from '@pathway/identity/account-audit';
import { AccountsService } from '@pathway/identity/accounts.service';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import { IdentityService } from '@pathway/identity/identity.service';
import type { Principal } from '@pathway/identity/principal';
import { NotFoundError } from '@pathway/platform/errors/domain-errors';
import { UuidParam } from '@pathway/platform/http/uuid-param';
import { WebController } from '../auth/web-controller.decorator';
import { formFailureFrom } from '../domain-form-errors';
import { CreateOrganisationDto, UpdateOrganisationDto } from '@pathway/identity/dto/organisation.dto';
import { buildFormErrors, dtoProblems, field, type FormProblem, type FormWords } from '../forms';
import { label } from '../labels';
import { setFlash, takeFlash } from '../support/flash';
import { auditRows, pageOf } from './admin-view';

const NAME_WORDS: FormWords[string] = { '*': 'Enter the organisation’s name', maxLength: 'Name must be 200 characters or fewer' };

/** `/admin/organisations` and `/admin/audit` for the central team's administrators. */
@WebController('admin')
export class AdminOrganisationsController {
  constructor(
    private readonly identity: IdentityService,
    private readonly accounts: AccountsService,
    private readonly audit: AccountAudit,
  ) {}

  @Get()
  index(@CurrentUser() me: Principal, @Res() res: Response): void {
    AccessPolicy.assertCentralAdmin(me);
    res.redirect(302, '/admin/users');
  }

  @Get('organisations')
  async list(
    @CurrentUser() me: Principal,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const q = field(query, 'q').trim().slice(0, 200);
    const { page, limit, offset } = pageOf(query);
    const { items, total } = await this.accounts.searchOrganisations({ q, limit, offset });
    res.render('admin/organisations/index', {
      pageTitle: 'Organisations',
      q,
      organisations: items,
      total,
      page,
      pages: Math.max(1, Math.ceil(total / limit)),
      flash: takeFlash(req),
    });
  }

  @Get('organisations/new')
  newForm(@CurrentUser() me: Principal, @Res() res: Response): void {
    AccessPolicy.assertCentralAdmin(me);
    this.renderNew(res, { name: '', kind: '' });
  }

  @Post('organisations/new')
  async create(
    @CurrentUser() me: Principal,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const values = { name: field(body, 'name').trim(), kind: field(body, 'kind') };
    // The API's own rules (CreateOrganisationDto), in the form's words.
    const problems = await dtoProblems(CreateOrganisationDto, values, {
      name: NAME_WORDS,
      kind: 'Select what kind of organisation it is',
    });
    if (problems.length) return this.renderNew(res, values, problems);
    try {
      const org = await this.identity.createOrganisation(values.name, values.kind as OrganisationKind, {}, me);
      setFlash(req, { heading: 'Organisation added', text: `${org.name} can now take part in journeys. Add its users next.` });
      res.redirect(303, `/admin/organisations/${org.id}`);
    } catch (err) {
      const failure = formFailureFrom(err, { defaultField: 'name', fields: { name: 'name', kind: 'kind' } });
      if (!failure) throw err;
      this.renderNew(res, values, failure.problems, failure.status);
    }
  }

  @Get('organisations/:id')
  async show(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const org = await this.identity.getOrganisation(id);
    if (!org) throw new NotFoundError('Organisation');
    const [users, events, centralId] = await Promise.all([
      this.accounts.searchUsers({ organisationId: id, limit: 500 }),
      this.audit.list({ organisationId: id, limit: 20 }),
      this.accounts.centralOrganisationId(),
    ]);
    res.render('admin/organisations/show', {
      pageTitle: org.name,
      organisation: org,
      isCentral: centralId === id,
      users: users.items,
      events: auditRows(events.items),
      flash: takeFlash(req),
      backLink: '/admin/organisations',
    });
  }

  @Get('organisations/:id/name')
  async renameForm(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const org = await this.identity.getOrganisation(id);
    if (!org) throw new NotFoundError('Organisation');
    this.renderRename(res, org, org.name);
  }

  @Post('organisations/:id/name')
  async rename(
    @CurrentUser() me: Principal,
    @UuidParam('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const org = await this.identity.getOrganisation(id);
    if (!org) throw new NotFoundError('Organisation');
    const name = field(body, 'name').trim();
    // The API's rule for a name (UpdateOrganisationDto), in the form's words.
    const problems = await dtoProblems(UpdateOrganisationDto, { name }, { name: NAME_WORDS });
    if (problems.length) return this.renderRename(res, org, name, problems);
    try {
      await this.identity.updateOrganisation(id, { name }, me);
    } catch (err) {
      const failure = formFailureFrom(err, { defaultField: 'name', fields: { name: 'name' } });
      if (!failure) throw err;
      return this.renderRename(
        res,
        org,
        name,
        failure.problems.map((p) => ({ ...p, field: 'name' })),
        failure.status,
      );
    }
    setFlash(req, { heading: 'Organisation renamed', text: `${org.name} is now called ${name}.` });
    res.redirect(303, `/admin/organisations/${id}`);
  }

  @Get('audit')
  async auditTrail(@CurrentUser() me: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const { page, limit, offset } = pageOf(query);
    const { items, total } = await this.audit.list({ limit, offset });
    res.render('admin/audit', {
      pageTitle: 'Audit trail',
      events: auditRows(items),
      total,
      page,
      pages: Math.max(1, Math.ceil(total / limit)),
    });
  }

  private renderRename(
    res: Response,
    org: { id: string; name: string },
    name: string,
    problems: FormProblem[] = [],
    status?: number,
  ): void {
    res.status(status ?? (problems.length ? 400 : 200)).render('admin/organisations/name', {
      pageTitle: `Rename ${org.name}`,
      errors: buildFormErrors(problems),
      organisation: org,
      values: { name },
      backLink: `/admin/organisations/${org.id}`,
    });
  }

  private renderNew(res: Response, values: { name: string; kind: string }, problems: FormProblem[] = [], status?: number): void {
    res.status(status ?? (problems.length ? 400 : 200)).render('admin/organisations/new', {
      pageTitle: 'Add an organisation',
      errors: buildFormErrors(problems),
      values,
      kinds: ORGANISATION_KINDS.map((k) => ({ value: k, text: label(k, 'organisationKind'), checked: values.kind === k })),
      backLink: '/admin/organisations',
    });
  }
}
