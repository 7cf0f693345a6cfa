import { z } from 'zod';
import type { RouteSpec } from './route';

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
}

/** `/api/v1/reports/:id` → `/api/v1/reports/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(route: RouteSpec<unknown, unknown, unknown>) {
  const result: Array<Record<string, unknown>> = [];
  for (const [location, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      result.push({ name, in: location, required: location === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  for (const header of route.headers ?? []) {
    result.push({ name: header.name, in: 'header', required: header.required ?? false, description: header.description, schema: { type: 'string' } });
  }
  return result;
}

function requestContentType(route: RouteSpec<unknown, unknown, unknown>): string {
  return route.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
}

/** A raw body: each accepted media type as bytes. */
function rawRequestBody(route: RouteSpec<unknown, unknown, unknown>): Record<string, unknown> {
  const content = Object.fromEntries((route.rawMediaTypes ?? ['application/octet-stream']).map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
  return { requestBody: { required: true, content } };
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(routes: Array<RouteSpec<unknown, unknown, unknown>>): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') } } } : {}),
        ...(response.binary ? { content: { [response.contentType ?? 'application/octet-stream']: { schema: { type: 'string', format: 'binary' } } } } : {}),
      };
    }
    responses.default = { description: 'Feil (RFC 9457)', content: { 'application/problem+json': { schema: jsonSchema(problemSchema, 'output') } } };
    paths[path] = {
      ...paths[path],
      [route.method]: {
        operationId: route.operationId,
        summary: route.summary,
        tags: [route.tag],
        ...(route.auth === 'user' ? { security: [{ bearer: [] }] } : route.auth === 'intake' ? { security: [{}, { bearer: [] }, { partnerKey: [] }] } : {}),
        parameters: parameters(route),
        ...(route.body ? { requestBody: { required: true, content: { [requestContentType(route)]: { schema: jsonSchema(route.body, 'input') } } } } : {}),
        ...(route.bodyType === 'raw' ? rawRequestBody(route) : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mottak API',
      version: '1.0.0',
      description: 'Mottak, journalføring og førstehåndsvurdering av innkommen informasjon.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Session token from POST /api/v1/auth/login' },
        partnerKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key of a partner agency' },
      },
    },
    paths,
  };
}
