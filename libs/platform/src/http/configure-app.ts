import { randomBytes } from 'node:crypto';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { EnvConfig } from '../config/env';
import { HttpErrorFilter } from '../errors/http-error.filter';
import { refineOpenApiDocument } from './openapi-refine';
import { installRequestGuard } from './request-guard';

/**
 * Everything an HTTP app needs around its controllers, shared by `main.ts` and the tests so they
 * exercise the same server: logging, security headers with a per-request CSP nonce, one validation
 * pipe, one error filter, OpenAPI docs.
 */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  const trustProxy = app.get(EnvConfig).TRUST_PROXY;
  express.set('trust proxy', /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  express.disable('x-powered-by');

  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          // Swagger UI sets inline styles; GOV.UK Frontend pages do not need them.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Body size and depth limits, UTF-8, forbidden keys and control characters: before any pipe.
  installRequestGuard(express);

  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new HttpErrorFilter());
  // Signals are the entry points' business (apps/*/src/main.ts): `npm start` closes the API,
  // the worker and its children in order, which Nest's per-app signal hooks would race.

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Pathway API' });
}

/** The OpenAPI document of every endpoint (served at /api/docs-json; `npm run openapi:lint` lints it). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pathway API')
      .setDescription('Spin-out journey tracker for UK public service mutuals')
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/license/mit')
      .addServer('/', 'This server')
      .addBearerAuth()
      .build(),
  );
  return refineOpenApiDocument(document);
}
