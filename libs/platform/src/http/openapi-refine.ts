import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Counts and ordinal numbers the API returns: always whole numbers, documented as `integer`. */
const INTEGER_FIELDS = new Set([
  'total',
  'unread',
  'marked',
  'version',
  'templateVersion',
  'staffCount',
  'level',
  'appealCount',
  'openTasks',
  'overdueTasks',
  'openEscalations',
  'staffTransferring',
  'daysOverdue',
  'daysToTransfer',
  'daysSinceActivity',
  'ageDays',
  'days',
  'transferWithinDays',
  'openMandatoryTasks',
  'journeysStarted',
  'expressionsSubmitted',
  'expressionsAccepted',
  'expressionsDeclined',
  'transfersCompleted',
  'withdrawn',
  'awards',
  'journeys',
  'termMonths',
  'extensionMonths',
  'withinMonths',
  'daysToEnd',
  'rightToProvideResponseDays',
  'reconsiderationResponseDays',
  'round',
  'contractsExpiringWithin18Months',
  'journeysWithOverdueRenewal',
  'attempts',
  'blockingTasks',
  'eligible',
  'votesFor',
  'votesAgainst',
  'abstentions',
  'limit',
  'offset',
]);

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const ERROR_SCHEMA = '#/components/schemas/ErrorResponse';

const humanise = (operationId: string) => {
  const [controller, method] = operationId.split('_');
  const words = (method ?? operationId)
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .trim();
  const area = controller
    ?.replace(/Controller$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .trim();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${area ? ` (${area})` : ''}`;
};

function fixSchema(name: string, schema: Json): void {
  if (!schema || typeof schema !== 'object') return;
  // A nullable union the generator could not name (`string | null` reflected as Object).
  if (schema.type === 'object' && !schema.properties && !schema.additionalProperties && !schema.allOf && !schema.$ref) {
    const numeric = 'minimum' in schema || 'maximum' in schema || typeof schema.example === 'number';
    schema.type = numeric ? (INTEGER_FIELDS.has(name) ? 'integer' : 'number') : 'string';
    if (schema.type === 'string' && /At$/.test(name) && !schema.format) schema.format = 'date-time';
  }
  if (schema.type === 'number' && INTEGER_FIELDS.has(name)) schema.type = 'integer';
  for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) fixSchema(key, value);
  if (schema.items) fixSchema(name, schema.items);
}

/**
 * What Nest's generator leaves out or gets wrong, fixed in one pass so every endpoint (including
 * new ones) is documented the same way:
 * - public operations (no bearer scheme) say `security: []`; the rest inherit the global bearer;
 * - every operation has a summary (from its operation id when none was written);
 * - path ids are UUIDs (the API answers 400 to anything else), `version` an integer;
 * - counts are `integer`, nullable values the generator reflected as `object` get their real type;
 * - the error statuses each operation can answer, with the one error shape: 400 (bad path, query
 *   or body), 401 and 403 (authenticated operations), 404 (a path id that is absent or not
 *   visible), 409 (writes: a stale version, a state that does not allow it, a duplicate), 413
 *   (bodies over the parser's limit), 422 (journey writes whose rules fail), 503 (Postgres or
 *   Redis not answering in time).
 */
export function refineOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const doc = document as unknown as Json;
  doc.security = [{ bearer: [] }];
  doc.components = doc.components ?? {};
  doc.components.schemas = doc.components.schemas ?? {};
  doc.components.schemas.ErrorResponse = {
    type: 'object',
    required: ['statusCode', 'message', 'error'],
    properties: {
      statusCode: { type: 'integer', minimum: 400, maximum: 599 },
      message: {
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
        description: 'A 400 lists every problem, each naming its field',
      },
      error: { type: 'string', example: 'Bad Request' },
    },
    additionalProperties: true,
  };
  for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Json>)) {
    if (name !== 'ErrorResponse') fixSchema(name, schema);
  }
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      if (!op.summary) op.summary = humanise(String(op.operationId ?? `${method} ${path}`));
      const secured = Array.isArray(op.security) && op.security.length > 0;
      if (!secured) op.security = [];
      const params = (op.parameters ?? []) as Json[];
      for (const p of params) {
        if (p.in === 'path' && (p.name === 'id' || /Id$/.test(p.name))) p.schema = { type: 'string', format: 'uuid' };
        if (p.in === 'path' && p.name === 'version') p.schema = { type: 'integer', minimum: 1, maximum: 2_147_483_647 };
        if (p.schema) fixSchema(p.name, p.schema);
      }
      const errors = new Set<number>([503]);
      const hasPathIds = params.some((p) => p.in === 'path');
      if (hasPathIds || params.some((p) => p.in === 'query') || op.requestBody) errors.add(400);
      if (secured) [401, 403].forEach((s) => errors.add(s));
      if (hasPathIds) errors.add(404);
      if (method !== 'get') errors.add(409);
      if (op.requestBody) errors.add(413);
      if (method !== 'get' && path.startsWith('/api/journeys/')) errors.add(422);
      op.responses = op.responses ?? {};
      for (const status of [...errors].sort()) {
        if (op.responses[status]) continue;
        op.responses[status] = {
          description: ERROR_DESCRIPTIONS[status],
          content: { 'application/json': { schema: { $ref: ERROR_SCHEMA } } },
        };
      }
    }
  }
  return document;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A path id, query parameter or body field is invalid; `message` names each',
  401: 'No bearer token, or not a valid one',
  403: 'The caller can see the resource but may not do this',
  404: 'Absent, or not visible to the caller',
  409: 'Not allowed in the current state, a stale expectedVersion, or a duplicate',
  413: 'The request body is larger than the limit',
  422: 'A rule of the journey fails (for example open mandatory tasks, listed in blockingTasks)',
  503: 'Postgres or Redis did not answer in time; try again',
};
