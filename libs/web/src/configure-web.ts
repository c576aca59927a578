import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { csrfSync } from 'csrf-sync';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Redis } from 'ioredis';
import { IdentityService } from '@pathway/identity/identity.service';
import { EnvConfig } from '@pathway/platform/config/env';
import type { ErrorBody } from '@pathway/platform/errors/http-error.filter';
import { REDIS_REQUEST_CLIENT } from '@pathway/platform/redis/redis';
import { CSRF_ERROR_CODE, errorPageFor } from './error-pages';
import { WEB_PATHS } from './paths';
import { sessionIsCurrent } from '@pathway/identity/user-sessions';
import { sessionMiddleware, sessionSecret } from './session/session';
import { createViewEnvironment } from './views';
import { isWebPath, safeReturnTo } from './web-paths';

/** The compiled govuk-frontend files served from `/assets` (not the rest of its dist folder). */
const GOVUK_COMPILED_FILES = /^\/govuk-frontend\.min\.(css|js)(\.map)?$/;

/** The hidden form field every web form carries its CSRF token in. */
export const CSRF_FIELD = '_csrf';

/** What every web page's template can read besides its own data (see views/layout.njk). */
export interface WebLocals {
  /** Per-request CSP nonce (set by configureApp): `<script nonce="{{ cspNonce }}">`. */
  cspNonce: string;
  /** This session's CSRF token, for `<input type="hidden" name="_csrf" value="{{ csrfToken }}">`. */
  csrfToken: string;
  /** The request path, for navigation highlighting. */
  currentPath: string;
  /** The signed-in user (set by WebAuthGuard on guarded pages). */
  user?: import('@pathway/identity/principal').Principal;
}

/** Runs `handler` only for web paths (not /api, /health, /assets). */
function webOnly(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (isWebPath(req.path) ? handler(req, res, next) : next());
}

/**
 * The web pages' wiring, on the same Express app as the API (called by createApi after
 * configureApp, so tests and `npm start` run identical servers):
 * - Nunjucks views (`views/` then govuk-frontend's `dist/`), `res.render('page', data)`;
 * - GOV.UK Frontend's fonts, images, CSS and JS, and our `public/` files, under `/assets`;
 * - for web paths only: a GOV.UK error page hook for HttpErrorFilter (`res.locals.renderError`),
 *   `Cache-Control: no-store`, sessions in Redis, form parsing and CSRF checks on every POST.
 */
export function configureWeb(app: NestExpressApplication): void {
  const config = app.get(EnvConfig);
  const redis = app.get<Redis>(REDIS_REQUEST_CLIENT);
  const identity = app.get(IdentityService);
  const logger = new Logger('Web');
  const production = config.NODE_ENV === 'production';

  const expressApp = app.getHttpAdapter().getInstance() as express.Express;
  // Templates are read again on every render only in development, so an edit shows without a restart. Tests
  // compile each once per app, as production does: re-reading them per render was a tenth of the suite's CPU.
  createViewEnvironment({ express: expressApp, noCache: config.NODE_ENV === 'development' });
  expressApp.set('view engine', 'njk');

  // Static files. The compiled CSS refers to fonts and images under /assets.
  const staticOptions = { index: false as const, maxAge: production ? '1d' : 0, fallthrough: true };
  const compiled = express.static(WEB_PATHS.govukCompiled, staticOptions);
  app.use('/assets', (req: Request, res: Response, next: NextFunction) =>
    GOVUK_COMPILED_FILES.test(req.path) ? compiled(req, res, next) : next(),
  );
  app.use('/assets', express.static(WEB_PATHS.govukAssets, staticOptions));
  app.use('/assets', express.static(WEB_PATHS.public, staticOptions));

  const { csrfSynchronisedProtection } = csrfSync({
    getTokenFromRequest: (req) => {
      const token = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      if (typeof token === 'string') return token;
      // A file upload (multipart/form-data) is parsed after this middleware: its form carries the
      // token in its action's query string instead.
      const fromQuery = req.is('multipart/form-data') ? req.query[CSRF_FIELD] : undefined;
      return typeof fromQuery === 'string' ? fromQuery : undefined;
    },
  });

  const locals: RequestHandler = (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.locals.currentPath = req.path;
    // Made on first use while rendering, so redirects and anonymous error pages create no session.
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      get: () => {
        if (res.locals.isErrorPage && !req.session?.userId) return '';
        return req.csrfToken ? req.csrfToken() : '';
      },
    });
    res.locals.renderError = (status: number, body?: ErrorBody): boolean => {
      if (status === 401) {
        const returnTo = req.method === 'GET' ? safeReturnTo(req.originalUrl) : undefined;
        res.redirect(302, returnTo && returnTo !== '/' ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in');
        return true;
      }
      const page = errorPageFor(status, body);
      res.locals.isErrorPage = true;
      const render = () =>
        res.status(status).render('error', { pageTitle: page.heading, page }, (err: Error | null, html?: string) => {
          if (err) {
            logger.error({ err }, 'could not render the error page');
            if (!res.headersSent) res.status(status).type('text/plain').send(page.heading);
            return;
          }
          res.send(html);
        });
      // A page no guard ran for (a 404, say): still show who is signed in, with the sign-out button.
      const userId = req.session?.userId;
      if (res.locals.user || !userId || status >= 500 || !sessionIsCurrent(req.session)) {
        render();
      } else {
        identity
          .principalForUser(userId, req.session.credential ?? '')
          .then((user) => {
            if (user) res.locals.user = user;
          })
          .catch(() => undefined)
          .finally(render);
      }
      return true;
    };
    next();
  };

  const sessions = sessionMiddleware(config, redis, sessionSecret(config, logger), logger);
  const sessionOrUnavailable: RequestHandler = (req, res, next) =>
    sessions(req, res, (err?: unknown) => {
      if (!err) return next();
      logger.error({ err }, 'session store unavailable');
      (res.locals.renderError as (s: number) => boolean)(503);
    });

  // Forms post application/x-www-form-urlencoded; Nest's own body parser skips an already-read body.
  const forms = express.urlencoded({ extended: true, limit: '100kb', parameterLimit: 1000 });

  const csrf: RequestHandler = (req, res, next) =>
    csrfSynchronisedProtection(req, res, (err?: unknown) => {
      if (err) {
        // Signing out with no session left (say, from a second tab) has nothing to protect.
        if (req.method === 'POST' && req.path === '/sign-out' && !req.session?.userId) return res.redirect(302, '/sign-in');
        (res.locals.renderError as (s: number, b: ErrorBody & { code: string }) => boolean)(403, {
          statusCode: 403,
          message: 'The form could not be sent',
          error: 'Forbidden',
          code: CSRF_ERROR_CODE,
        });
        return;
      }
      // The token has done its job: keep it out of the form data controllers validate.
      if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)[CSRF_FIELD];
      next();
    });

  // In this order, each only after the one before succeeded (an error skips the rest, to the error filter).
  const webStack = express.Router();
  webStack.use(locals, sessionOrUnavailable, forms, csrf);
  app.use(webOnly(webStack));
}
