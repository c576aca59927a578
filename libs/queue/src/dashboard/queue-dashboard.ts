import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { IdentityService } from '@pathway/identity/identity.service';
import type { Principal } from '@pathway/identity/principal';
import { sessionIsCurrent } from '@pathway/identity/user-sessions';
import { QueueService } from '../queue.service';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board's page links Google Fonts: the service makes no third-party requests (and its CSP
 * would block this one), so the link is dropped and the page uses its fallback fonts.
 */
function withoutThirdPartyFonts(res: Response): Response {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => send(typeof body === 'string' ? body.replace(/<link[^>]*fonts\.googleapis\.com[^>]*>\s*/g, '') : body);
  return res;
}

type ErrorPage = (status: number, body?: { statusCode: number; message: string; error: string }) => boolean;

/**
 * The operators' queue dashboard (bull-board) at /admin/queues, in the API process only, for the
 * central team's admins: a `cabinet_office_admin` bearer token, or a web session of one.
 *
 * Read-only by design: Postgres is the source of truth and the reconciler re-enqueues whatever a
 * failed or lost job should have done, so operators need to see the queues, not edit them (and
 * the web layer's CSRF protection, which covers every non-GET on web paths, would refuse the
 * dashboard's own buttons anyway).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  private readonly logger = new Logger('QueueDashboard');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueService,
    private readonly identity: IdentityService,
  ) {}

  private board?: RequestHandler;

  onModuleInit(): void {
    const http = this.adapterHost?.httpAdapter;
    if (!http) return; // the worker: no HTTP
    http.use(QUEUE_DASHBOARD_PATH, (req: Request, res: Response, next: NextFunction) => {
      this.authorise(req, res)
        .then((ok) => (ok ? this.dashboard()(req, withoutThirdPartyFonts(res), next) : undefined))
        .catch(next);
    });
  }

  /**
   * bull-board (its UI server, templates and adapters, ~60 modules) is built on the first admin's
   * visit, not at every API start: most processes never serve the dashboard.
   */
  private dashboard(): RequestHandler {
    if (this.board) return this.board;
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { createBullBoard } = require('@bull-board/api') as typeof import('@bull-board/api');
    const { BullMQAdapter } = require('@bull-board/api/bullMQAdapter') as typeof import('@bull-board/api/bullMQAdapter');
    const { ExpressAdapter } = require('@bull-board/express') as typeof import('@bull-board/express');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const server = new ExpressAdapter();
    server.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.allQueues().map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
      // @bull-board/express 9.10.1 ships its own copy of @bull-board/api 9.10.1: same shape, separate declarations.
      serverAdapter: server as unknown as IServerAdapter,
      options: { uiConfig: { boardTitle: 'Pathway queues' } },
    });
    this.board = server.getRouter() as RequestHandler;
    return this.board;
  }

  /** True when the caller is a central-team admin; otherwise answers 401/403 and returns false. */
  private async authorise(req: Request, res: Response): Promise<boolean> {
    const header = req.headers.authorization;
    const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    let principal: Principal | null = null;
    if (bearer) principal = await this.identity.principalForToken(bearer[1]);
    else if (!header && req.session?.userId && sessionIsCurrent(req.session))
      principal = await this.identity.principalForUser(req.session.userId, req.session.credential ?? '');
    const errorPage = res.locals.renderError as ErrorPage | undefined;
    if (!principal) {
      // A browser without a session goes to sign in (the web error hook redirects on 401).
      if (!header && errorPage) return !errorPage(401);
      res
        .status(401)
        .json({ statusCode: 401, message: 'A central team admin’s bearer token or web session is required', error: 'Unauthorized' });
      return false;
    }
    if (principal.role !== 'cabinet_office_admin') {
      const body = { statusCode: 403, message: 'The queue dashboard is for the central team’s admins', error: 'Forbidden' };
      if (!bearer && errorPage) return !errorPage(403, body);
      res.status(403).json(body);
      return false;
    }
    return true;
  }
}
