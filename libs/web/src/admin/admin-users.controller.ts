import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ROLE_ORGANISATION_KIND, ROLES, type Role } from '@pathway/domain/vocabulary';
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
import { CreateUserDto } from '@pathway/identity/dto/user.dto';
import { buildFormErrors, dtoProblems, field, type FormProblem } from '../forms';
import { label } from '../labels';
import { setFlash, takeFlash } from '../support/flash';
import { auditRows, pageOf } from './admin-view';

/** The new-user form's fields in page order (the error summary follows it). */
const USER_FORM_ORDER = ['email', 'name', 'organisationId', 'role'];

/** "a mutual", "an arbiter". */
const withArticle = (text: string) => `${/^[aeiou]/i.test(text) ? 'an' : 'a'} ${text}`;

/**
 * `/admin/users` for the central team's administrators (GOV.UK "manage users" pattern): a list with
 * search, adding a user (with an emailed invitation), changing a role, deactivating and reactivating
 * with a confirmation page, revoking tokens, and the user's audit trail. Every change goes through
 * the same services as the API (AccountsService, IdentityService), so the rules hold on both.
 */
@WebController('admin/users')
export class AdminUsersController {
  constructor(
    private readonly identity: IdentityService,
    private readonly accounts: AccountsService,
    private readonly audit: AccountAudit,
  ) {}

  @Get()
  async list(
    @CurrentUser() me: Principal,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const q = field(query, 'q').trim().slice(0, 200);
    const { page, limit, offset } = pageOf(query);
    const { items, total } = await this.accounts.searchUsers({ q, limit, offset });
    res.render('admin/users/index', {
      pageTitle: 'Users',
      q,
      users: items,
      total,
      page,
      pages: Math.max(1, Math.ceil(total / limit)),
      flash: takeFlash(req),
    });
  }

  @Get('new')
  async newForm(
    @CurrentUser() me: Principal,
    @Query('organisationId') organisationId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    await this.renderNew(res, {
      email: '',
      name: '',
      organisationId: typeof organisationId === 'string' ? organisationId : '',
      role: '',
      invite: 'yes',
    });
  }

  @Post('new')
  async create(
    @CurrentUser() me: Principal,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const values = {
      email: field(body, 'email').trim().toLowerCase(),
      name: field(body, 'name').trim(),
      organisationId: field(body, 'organisationId'),
      role: field(body, 'role'),
      invite: field(body, 'invite'),
    };
    // Presence first, in the form's words; then the API's own rules (CreateUserDto) for the rest.
    const problems: FormProblem[] = [];
    if (!values.email) problems.push({ field: 'email', text: 'Enter an email address' });
    if (!values.name) problems.push({ field: 'name', text: 'Enter the person’s full name' });
    const checked = await dtoProblems(
      CreateUserDto,
      { email: values.email, name: values.name, organisationId: values.organisationId, role: values.role },
      {
        email: 'Enter an email address in the correct format, like name@example.gov.uk',
        name: 'Name must be 200 characters or fewer',
        organisationId: 'Select the person’s organisation',
        role: 'Select a role',
      },
      problems,
    );
    problems.push(...checked);
    const refused = new Set(problems.map((p) => p.field));
    const org = refused.has('organisationId') ? null : await this.identity.getOrganisation(values.organisationId);
    if (!org && !refused.has('organisationId')) problems.push({ field: 'organisationId', text: 'Select the person’s organisation' });
    if (org && !refused.has('role') && ROLE_ORGANISATION_KIND[values.role as Role] !== org.kind) {
      const role = withArticle(label(values.role, 'role').toLowerCase());
      const needed = withArticle(label(ROLE_ORGANISATION_KIND[values.role as Role], 'organisationKind').toLowerCase());
      const given = withArticle(label(org.kind, 'organisationKind').toLowerCase());
      problems.push({ field: 'role', text: `${role.charAt(0).toUpperCase()}${role.slice(1)} must belong to ${needed}, not ${given}` });
    }
    problems.sort((x, y) => USER_FORM_ORDER.indexOf(x.field) - USER_FORM_ORDER.indexOf(y.field));
    if (problems.length) return this.renderNew(res, values, problems);
    let userId: string;
    try {
      userId = (
        await this.identity.createUser({ email: values.email, name: values.name, organisationId: org!.id, role: values.role as Role }, me)
      ).id;
    } catch (err) {
      const failure = formFailureFrom(err, {
        defaultField: 'email',
        fields: { email: 'email address', name: 'name', organisationId: 'organisation', role: 'role' },
      });
      if (!failure) throw err;
      const text = failure.status === 409 ? 'A user with this email address already exists' : failure.problems[0]?.text;
      return this.renderNew(res, values, [{ field: 'email', text: text ?? 'Check the details' }], failure.status);
    }
    if (values.invite === 'yes') return this.sendInvitation(me, userId, req, res, 'User added');
    setFlash(req, { heading: 'User added', text: 'They cannot sign in until you send them an invitation.' });
    res.redirect(303, `/admin/users/${userId}`);
  }

  @Get(':id')
  async show(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const user = await this.userOr404(id);
    const [tokens, events] = await Promise.all([this.identity.listTokens(id), this.audit.list({ userId: id, limit: 20 })]);
    const link = req.session.pendingLink && req.session.pendingLink.userId === id ? req.session.pendingLink : undefined;
    if (req.session.pendingLink) delete req.session.pendingLink;
    res.render('admin/users/show', {
      pageTitle: user.name,
      // `person`, not `user`: the layout's `user` is whoever is signed in.
      person: user,
      organisation: user.organisation,
      tokens: tokens.map((t) => ({ ...t, active: !t.revokedAt })),
      events: auditRows(events.items),
      isSelf: me.id === id,
      pendingLink: link,
      flash: takeFlash(req),
      backLink: '/admin/users',
    });
  }

  @Get(':id/role')
  async roleForm(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    await this.renderRole(res, await this.userOr404(id), '');
  }

  @Post(':id/role')
  async changeRole(
    @CurrentUser() me: Principal,
    @UuidParam('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const user = await this.userOr404(id);
    const role = field(body, 'role');
    if (!this.rolesFor(user.organisationKind).includes(role as Role))
      return this.renderRole(res, user, role, [{ field: 'role', text: 'Select a role' }]);
    try {
      await this.accounts.updateUser(me, id, { role: role as Role });
    } catch (err) {
      const failure = formFailureFrom(err, { defaultField: 'role', fields: { role: 'role' } });
      if (!failure) throw err;
      return this.renderRole(
        res,
        user,
        role,
        failure.problems.map((p) => ({ ...p, field: 'role' })),
        failure.status,
      );
    }
    setFlash(req, { heading: 'Role changed', text: `${user.name} is now ${withArticle(label(role, 'role').toLowerCase())}.` });
    res.redirect(303, `/admin/users/${id}`);
  }

  @Get(':id/deactivate')
  async confirmDeactivate(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const user = await this.userOr404(id);
    res.render('admin/users/confirm', {
      pageTitle: `Deactivate ${user.name}`,
      person: user,
      action: 'deactivate',
      backLink: `/admin/users/${id}`,
    });
  }

  @Post(':id/deactivate')
  async deactivate(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const user = await this.userOr404(id);
    await this.accounts.updateUser(me, id, { active: false });
    setFlash(req, { heading: 'Account deactivated', text: `${user.name} has been signed out everywhere and can no longer use Pathway.` });
    res.redirect(303, `/admin/users/${id}`);
  }

  @Get(':id/reactivate')
  async confirmReactivate(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const user = await this.userOr404(id);
    res.render('admin/users/confirm', {
      pageTitle: `Reactivate ${user.name}`,
      person: user,
      action: 'reactivate',
      backLink: `/admin/users/${id}`,
    });
  }

  @Post(':id/reactivate')
  async reactivate(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const user = await this.userOr404(id);
    await this.accounts.updateUser(me, id, { active: true });
    setFlash(req, { heading: 'Account reactivated', text: `${user.name} can sign in again. Their old API tokens stay revoked.` });
    res.redirect(303, `/admin/users/${id}`);
  }

  @Post(':id/invite')
  async invite(@CurrentUser() me: Principal, @UuidParam('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    await this.userOr404(id);
    await this.sendInvitation(me, id, req, res, 'Invitation sent');
  }

  @Post(':id/tokens/:tokenId/revoke')
  async revokeToken(
    @CurrentUser() me: Principal,
    @UuidParam('id') id: string,
    @UuidParam('tokenId') tokenId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    AccessPolicy.assertCentralAdmin(me);
    const token = await this.identity.getToken(tokenId);
    if (!token || token.userId !== id) throw new NotFoundError('Token');
    await this.identity.revokeToken(tokenId, me);
    setFlash(req, { heading: 'Token revoked', text: `The token starting ${token.prefix} no longer works.` });
    res.redirect(303, `/admin/users/${id}`);
  }

  private async sendInvitation(me: Principal, userId: string, req: Request, res: Response, heading: string): Promise<void> {
    const sent = await this.accounts.invite(me, userId, `${req.protocol}://${req.get('host')}`);
    if (sent.emailed) {
      setFlash(req, { heading, text: `We have emailed ${sent.email} a link to set a password. It works once, for 72 hours.` });
    } else {
      // No email channel (or it refused): the administrator passes the link on. Shown once, never stored.
      setFlash(req, { heading, text: 'No invitation email was sent: pass on the link below.' });
      req.session.pendingLink = { userId, link: sent.link, expiresAt: sent.expiresAt.toISOString() };
    }
    res.redirect(303, `/admin/users/${userId}`);
  }

  /**
   * The person the pages show, with their organisation: only the fields the pages use (the account's
   * calendar key and other secrets never reach a template).
   */
  private async userOr404(id: string) {
    const user = await this.identity.getUser(id);
    if (!user) throw new NotFoundError('User');
    const organisation = await this.identity.getOrganisation(user.organisationId);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      organisationId: user.organisationId,
      active: !user.deactivatedAt,
      hasPassword: !!user.passwordChangedAt,
      organisationName: organisation?.name ?? '',
      organisationKind: organisation?.kind ?? '',
      organisation,
    };
  }

  private rolesFor(kind: string): Role[] {
    return ROLES.filter((r) => ROLE_ORGANISATION_KIND[r] === kind);
  }

  private renderRole(
    res: Response,
    user: { id: string; name: string; role: Role; organisationKind: string },
    selected: string,
    problems: FormProblem[] = [],
    status?: number,
  ): void {
    res.status(status ?? (problems.length ? 400 : 200)).render('admin/users/role', {
      pageTitle: `Change the role of ${user.name}`,
      errors: buildFormErrors(problems),
      person: user,
      roles: this.rolesFor(user.organisationKind).map((r) => ({
        value: r,
        text: label(r, 'role'),
        checked: (selected || user.role) === r,
      })),
      backLink: `/admin/users/${user.id}`,
    });
  }

  private async renderNew(res: Response, values: Record<string, string>, problems: FormProblem[] = [], status?: number): Promise<void> {
    const orgs = (await this.accounts.searchOrganisations({ limit: 1000 })).items;
    res.status(status ?? (problems.length ? 400 : 200)).render('admin/users/new', {
      pageTitle: 'Add a user',
      errors: buildFormErrors(problems),
      values,
      organisations: [
        { value: '', text: 'Select an organisation', selected: !values.organisationId },
        ...orgs.map((o) => ({
          value: o.id,
          text: `${o.name} (${label(o.kind, 'organisationKind')})`,
          selected: o.id === values.organisationId,
        })),
      ],
      roles: ROLES.map((r) => ({
        value: r,
        text: label(r, 'role'),
        hint: { text: `For ${withArticle(label(ROLE_ORGANISATION_KIND[r], 'organisationKind').toLowerCase())}` },
        checked: values.role === r,
      })),
      backLink: '/admin/users',
    });
  }
}
