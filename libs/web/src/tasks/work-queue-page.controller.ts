import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { WorkQueueService } from '@pathway/daily-work/work-queue.service';
import { DUE_BUCKETS, type DueBucket } from '@pathway/daily-work/work-queue.repository';
import { CurrentUser } from '@pathway/identity/auth.decorators';
import type { Principal } from '@pathway/identity/principal';
import { WebController } from '../auth/web-controller.decorator';
import { taskPath } from '../journeys/checklist';
import { journeyPath } from '../journeys/journey-page.service';
import { paginationView } from '../pagination';

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DUE_LABELS: Record<DueBucket, string> = { overdue: 'Overdue', this_week: 'Due in the next 7 days', later: 'Due later' };

/** What the query string asks for, with anything unknown ignored (a page never answers 400 to a stale link). */
export function readQueueQuery(q: Record<string, unknown>): { due?: DueBucket; assignedTo?: 'me'; journeyId?: string; page: number } {
  const due = typeof q.due === 'string' && (DUE_BUCKETS as readonly string[]).includes(q.due) ? (q.due as DueBucket) : undefined;
  const page = typeof q.page === 'string' && /^\d{1,5}$/.test(q.page) && Number(q.page) > 0 ? Number(q.page) : 1;
  return {
    due,
    assignedTo: q.assignedTo === 'me' ? 'me' : undefined,
    journeyId: typeof q.journeyId === 'string' && UUID.test(q.journeyId) ? q.journeyId : undefined,
    page,
  };
}

/** `/tasks`: the person's work queue across journeys (WorkQueueService, as GET /api/me/tasks). */
@WebController()
export class WorkQueuePageController {
  constructor(private readonly queue: WorkQueueService) {}

  @Get('tasks')
  async show(@CurrentUser() user: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const q = readQueueQuery(query);
    const result = await this.queue.forPrincipal(user, {
      due: q.due,
      assignedTo: q.assignedTo,
      journeyId: q.journeyId,
      limit: PAGE_SIZE,
      offset: (q.page - 1) * PAGE_SIZE,
    });
    const href = (over: Partial<typeof q>) => {
      const merged = { ...q, page: 1, ...over };
      const params = new URLSearchParams();
      if (merged.due) params.set('due', merged.due);
      if (merged.assignedTo) params.set('assignedTo', merged.assignedTo);
      if (merged.journeyId) params.set('journeyId', merged.journeyId);
      if (merged.page > 1) params.set('page', String(merged.page));
      const s = params.toString();
      return s ? `/tasks?${s}` : '/tasks';
    };
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const all = result.counts.overdue + result.counts.this_week + result.counts.later;
    res.render('tasks/index', {
      pageTitle: 'Your tasks',
      query: q,
      // Each item is the service's fresh object with its two links added (a spread into a new object of 31
      // fields cost ~2.5 KB of garbage per row).
      items: result.items.map((t) => Object.assign(t, { href: taskPath(t.journeyId, t.id), journeyHref: journeyPath(t.journeyId) })),
      total: result.total,
      counts: result.counts,
      tabs: [
        { text: `All (${all})`, href: href({ due: undefined }), current: !q.due },
        ...DUE_BUCKETS.map((b) => ({ text: `${DUE_LABELS[b]} (${result.counts[b]})`, href: href({ due: b }), current: q.due === b })),
      ],
      assignedToggle: q.assignedTo
        ? { text: 'Show all your organisation’s tasks', href: href({ assignedTo: undefined }) }
        : { text: 'Show only tasks assigned to you', href: href({ assignedTo: 'me' }) },
      // First, last and the pages either side of this one, with ellipses: 96 numbered links for an organisation in 100 journeys was no pattern.
      pagination: paginationView(q.page, pages, (page) => href({ page })) ?? null,
    });
  }
}
