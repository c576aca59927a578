import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { LogFn } from 'pino';
import type { IncomingMessage } from 'node:http';
import { EnvConfig } from '../config/env';

/** Human-readable logs: stdout is a terminal and this is not production. */
export function humanLogs(config: Pick<EnvConfig, 'NODE_ENV'>, stream: { isTTY?: boolean } = process.stdout): boolean {
  return !!stream.isTTY && config.NODE_ENV !== 'production';
}

/**
 * Nest's start-up chatter (one line per module and per route: over 200 lines) that a person at a
 * terminal does not need to find the ready line; JSON logs keep it for machines.
 */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** For human logs: drops info-level lines from Nest's start-up contexts (warnings and errors always pass). */
export function quietStartup(args: unknown[], level: number): boolean {
  const first = args[0] as { context?: unknown } | undefined;
  return level <= 30 && typeof first?.context === 'string' && STARTUP_CONTEXTS.has(first.context);
}

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'req.body.password',
  '*.password',
  '*.token',
  '*.passwordHash',
  // Failed queries (TypeORM's QueryFailedError) carry their parameters: hashes, keys, client input.
  'err.parameters',
  '*.err.parameters',
  'err.driverError.parameters',
];

/**
 * Structured JSON logs (pino) with a request id on every line: the caller's `x-request-id` when
 * it is a sane value, otherwise a new UUID, echoed back in the response header.
 */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [EnvConfig],
          useFactory: (config: EnvConfig) => ({
            pinoHttp: {
              level: config.LOG_LEVEL,
              // People at a terminal read lines, machines read JSON: pretty only on a TTY outside production.
              ...(humanLogs(config)
                ? {
                    hooks: {
                      logMethod(this: unknown, args: Parameters<LogFn>, method: LogFn, level: number) {
                        if (!quietStartup(args, level)) method.apply(this, args);
                      },
                    },
                    transport: {
                      target: 'pino-pretty',
                      options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service,context' },
                    },
                  }
                : {}),
              redact: { paths: REDACT_PATHS, censor: '[redacted]' },
              genReqId: (req: IncomingMessage, res) => {
                const given = req.headers['x-request-id'];
                const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
                res.setHeader('x-request-id', id);
                return id;
              },
              customProps: () => ({ service: 'pathway-api' }),
              // Assets and health checks would drown the useful lines.
              autoLogging: { ignore: (req: IncomingMessage) => /^\/(assets|health)/.test(req.url ?? '') },
              serializers: {
                // Query strings and calendar-feed keys are secrets-adjacent: keep them out of logs.
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: req.url?.split('?')[0].replace(/\/calendar\/[^/]+/, '/calendar/[redacted]'),
                }),
              },
            },
          }),
        }),
      ],
    };
  }
}
