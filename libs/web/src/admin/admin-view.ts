import type { AccountEventRow } from '@pathway/identity/account-audit';
import { field } from '../forms';

export const ADMIN_PAGE_SIZE = 50;

/** `?page=N` (1-based, default 1) as a limit and offset. */
export function pageOf(query: unknown): { page: number; limit: number; offset: number } {
  const n = Number(field(query, 'page') || '1');
  const page = Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
  return { page, limit: ADMIN_PAGE_SIZE, offset: (page - 1) * ADMIN_PAGE_SIZE };
}

const ACTION_TEXT: Record<string, string> = {
  organisation_created: 'Organisation created',
  organisation_renamed: 'Organisation renamed',
  organisation_changed: 'Organisation changed',
  user_created: 'User added',
  user_renamed: 'Name changed',
  user_role_changed: 'Role changed',
  user_deactivated: 'Account deactivated',
  user_reactivated: 'Account reactivated',
  token_issued: 'API token issued',
  token_revoked: 'API token revoked',
  invitation_sent: 'Invitation sent',
  password_set: 'Password set from an invitation',
  password_reset_requested: 'Password reset asked for',
  password_reset: 'Password reset',
  bootstrap_token_applied: 'Bootstrap token applied from the environment',
  bootstrap_token_withdrawn: 'Bootstrap token withdrawn by the environment',
};

/** What changed, in words: "from X to Y" pairs and the few other details worth showing. */
function detailOf(e: AccountEventRow): string {
  const d = e.data ?? {};
  const parts: string[] = [];
  const fromTo = (x: unknown) => (x && typeof x === 'object' && 'from' in x ? x : null) as { from: unknown; to: unknown } | null;
  if ('from' in d && 'to' in d) parts.push(`from ${String(d.from)} to ${String(d.to)}`);
  for (const [k, v] of Object.entries(d)) {
    const ft = fromTo(v);
    if (ft) parts.push(`${k} from ${String(ft.from ?? 'none')} to ${String(ft.to ?? 'none')}`);
  }
  if (typeof d.role === 'string') parts.push(`role ${d.role.replace(/_/g, ' ')}`);
  if (typeof d.prefix === 'string') parts.push(`token ${d.prefix}…`);
  if (typeof d.tokensRevoked === 'number') parts.push(`${d.tokensRevoked} token(s) revoked`);
  if (typeof d.by === 'string') parts.push(`by ${d.by}`);
  return parts.join('; ');
}

/** Audit events as table rows for the pages. */
export function auditRows(items: AccountEventRow[]) {
  return items.map((e) => ({
    at: new Date(e.at),
    action: ACTION_TEXT[e.action] ?? e.action.replace(/_/g, ' '),
    actor: e.actorName ?? (e.actorUserId ? 'A deleted user' : 'The system'),
    subject: e.userName ? `${e.userName} (${e.userEmail})` : (e.organisationName ?? ''),
    userId: e.userId,
    organisationId: e.organisationId,
    detail: detailOf(e),
  }));
}
