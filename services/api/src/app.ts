import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { attachmentLimitOf, type CoreDeps } from '@mottak/core';
import { DomainError } from '@mottak/domain';
import type { Logger } from '@mottak/runtime';
import { jsonNestingDepth } from './json-depth';
import { onServerClose } from './listen';
import { buildOpenApiDocument } from './openapi';
import { resolvePrincipal } from './principal.middleware';
import { errorHandler, HttpProblem, problem, sendProblem } from './problem';
import { type InvalidBody, parsePart, type RouteResult, type RouteSpec } from './route';
import { accessRoutes } from './routes/access.routes';
import { attachmentRoutes } from './routes/attachments.routes';
import { adminRoutes } from './routes/admin.routes';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { eventRoutes, EventStreams } from './routes/events.routes';
import { healthRoutes, type Readiness } from './routes/health.routes';
import { HttpCounters, metricsRoutes } from './routes/metrics.routes';
import { caseRoutes } from './routes/cases.routes';
import { journalRoutes } from './routes/journal.routes';
import { lifeCycleRoutes } from './routes/life-cycle.routes';
import { reportRoutes } from './routes/reports.routes';
import { searchRoutes } from './routes/search.routes';
import { savedSearchRoutes } from './routes/saved-searches.routes';
import { handoverRoutes } from './routes/handover.routes';
import { slaRoutes } from './routes/sla.routes';
import { qualityRoutes } from './routes/quality.routes';
import { reviewRoutes } from './routes/review.routes';
import { exportRoutes } from './routes/exports.routes';
import { retentionRoutes } from './routes/retention.routes';
import { rulesAndSourcesRoutes } from './routes/rules-and-sources.routes';
import { tipFormRoutes, tooManyTipsResult } from './routes/tip-form.routes';
import { TIP_FORM_PATH } from './tip-form/tip-form.html';
import { hasWebBuild, serveWebApp } from './web-app';

export interface ApiOptions {
  logger: Logger;
  bodyLimitBytes: number;
  tipRateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  trustProxy: boolean;
  readiness: Readiness;
  /**
   * Folder of the browser app's production build (services/web/dist). When it holds an
   * index.html, the app is served at `/`; otherwise only the API (and the tip form) is.
   */
  webRoot?: string;
}

/** Deeper JSON than this is refused: no legitimate report nests more than a few levels. */
export const MAX_JSON_DEPTH = 16;

/** Every route the API serves, in one list: the OpenAPI document is generated from it. */
export function allRoutes(
  deps: CoreDeps,
  readiness: Readiness,
  counters = new HttpCounters(),
  streams = new EventStreams(),
): Array<RouteSpec<never, never, never>> {
  return [
    ...healthRoutes(readiness),
    ...metricsRoutes(deps, counters),
    ...authRoutes(deps),
    ...reportRoutes(deps),
    ...attachmentRoutes(deps),
    ...lifeCycleRoutes(deps),
    ...journalRoutes(deps),
    ...caseRoutes(deps),
    ...searchRoutes(deps),
    ...savedSearchRoutes(deps),
    ...handoverRoutes(deps),
    ...eventRoutes(deps, streams),
    ...slaRoutes(),
    ...adminRoutes(deps),
    ...auditRoutes(deps),
    ...accessRoutes(deps),
    ...tipFormRoutes(deps),
    ...qualityRoutes(deps),
    ...reviewRoutes(deps),
    ...exportRoutes(deps),
    ...retentionRoutes(deps),
    ...rulesAndSourcesRoutes(deps),
  ];
}

/** The express application: validation at the edge, the core behind it, problem+json for every error. */
export function createApp(deps: CoreDeps, options: ApiOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // The browser app's build has no inline script or style (Aksel's CSS is a file; React and
          // Aksel set styles through the CSSOM, which CSP allows), so neither is allowed here.
          'style-src': ["'self'"],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
    }),
  );
  const jsonLengths = new WeakMap<Request, number>();
  const jsonParser = (limit: number) =>
    express.json({
      limit,
      strict: true,
      type: ['application/json', 'application/*+json'],
      verify: (req, _res, buffer) => {
        if (jsonNestingDepth(buffer, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
          throw new HttpProblem(400, 'JSON_TOO_DEEP', `JSON er nøstet dypere enn ${MAX_JSON_DEPTH} nivåer`);
        }
        jsonLengths.set(req as Request, buffer.length);
      },
    });
  // Routes that take attachments may be larger by one attachment in base64 (4 bytes per 3); the
  // rest of such a body is held to the ordinary limit (checked once parsed, below).
  const attachmentLimit = attachmentLimitOf(deps);
  const largeBodyLimit = options.bodyLimitBytes + Math.ceil((attachmentLimit * 4) / 3) + 1024;
  const ordinaryJson = jsonParser(options.bodyLimitBytes);
  const largeJson = jsonParser(largeBodyLimit);
  // Filled once the routes are built below; only read per request.
  const largeBodyPaths = new Set<string>();
  app.use((req, res, next) => {
    if (!largeBodyPaths.has(`${req.method} ${req.path}`)) return ordinaryJson(req, res, next);
    largeJson(req, res, (error?: unknown) => {
      if (error) return next(error);
      const length = jsonLengths.get(req);
      if (length !== undefined && length - base64AttachmentLength(req.body) > options.bodyLimitBytes) {
        return next(new HttpProblem(413, 'PAYLOAD_TOO_LARGE', 'Forespørselen er større enn grensen'));
      }
      next();
    });
  });

  const counters = new HttpCounters();
  app.use((_req, res, next) => {
    res.on('finish', () => counters.count(res.statusCode));
    next();
  });
  const streams = new EventStreams();
  // listen()'s close ends the event streams before waiting for open requests.
  onServerClose(app, () => streams.closeAll());
  const routes = allRoutes(deps, options.readiness, counters, streams);
  for (const route of routes) if (route.largeBody) largeBodyPaths.add(`${route.method.toUpperCase()} ${route.path}`);
  const openApi = buildOpenApiDocument([
    ...routes,
    { method: 'get', path: '/api/v1/openapi.json', operationId: 'openapi', summary: 'Dette dokumentet (OpenAPI 3.1)', tag: 'Drift', auth: 'none', responses: { 200: { description: 'OpenAPI document' } }, handler: async () => ({ status: 200 }) },
  ] as Array<RouteSpec<unknown, unknown, unknown>>);
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApi);
  });

  const tipLimiter = rateLimit({
    windowMs: 60_000,
    limit: options.tipRateLimitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // The JSON intake knows its principal (partners and users are not limited here); the HTML tip
    // form is always the public, and shares this limiter's count per client.
    skip: (req) => req.principal !== undefined && req.principal.kind !== 'public',
    handler: (req, res) => {
      if (req.path === TIP_FORM_PATH) sendResult(res, tooManyTipsResult(req.body));
      else sendProblem(res, problem(429, 'RATE_LIMITED', 'For mange tips fra denne klienten; prøv igjen om litt', { instance: req.originalUrl }));
    },
  });
  const loginLimiter = rateLimit({
    windowMs: 60_000,
    limit: options.loginRateLimitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => sendProblem(res, problem(429, 'RATE_LIMITED', 'For mange innloggingsforsøk; vent et minutt', { instance: req.originalUrl })),
  });

  // Only form routes parse form posts; every other route takes JSON alone.
  const formParser = express.urlencoded({ extended: false, limit: options.bodyLimitBytes, parameterLimit: 50 });
  const principal = resolvePrincipal(deps);
  for (const route of routes) {
    const middlewares = [];
    if (route.operationId === 'login') middlewares.push(loginLimiter);
    if (route.bodyType === 'form') middlewares.push(formParser);
    if (route.bodyType === 'raw') middlewares.push(express.raw({ type: route.rawMediaTypes ?? ['application/octet-stream'], limit: attachmentLimit }));
    if (route.auth !== 'none') middlewares.push(principal);
    if (route.operationId === 'receiveReport' || route.operationId === 'submitTipForm') middlewares.push(tipLimiter);
    app[route.method](route.path, ...middlewares, routeHandler(route));
  }

  if (options.webRoot && hasWebBuild(options.webRoot)) {
    app.use(...serveWebApp(options.webRoot));
  } else if (options.webRoot) {
    options.logger.warn({ webRoot: options.webRoot }, 'webappen er ikke bygget; bare API-et og tipsskjemaet serveres');
  }

  app.use((req: Request, res: Response) => {
    sendProblem(res, problem(404, 'NOT_FOUND', 'Ingen slik ressurs', { instance: req.originalUrl }));
  });
  app.use(errorHandler(options.logger));
  return app;
}

/** Characters of base64 attachment content in a parsed JSON body (`attachments[].contentBase64`). */
function base64AttachmentLength(body: unknown): number {
  const attachments = (body as { attachments?: unknown } | undefined)?.attachments;
  if (!Array.isArray(attachments)) return 0;
  return attachments.reduce((sum: number, attachment: unknown) => {
    const content = (attachment as { contentBase64?: unknown } | null)?.contentBase64;
    return sum + (typeof content === 'string' ? content.length : 0);
  }, 0);
}

function routeHandler(route: RouteSpec<never, never, never>) {
  return async (req: Request, res: Response, _next: NextFunction): Promise<void> => {
    const principal = req.principal ?? { kind: 'public' as const };
    if (route.auth === 'user' && principal.kind !== 'user') {
      throw new DomainError('UNAUTHENTICATED', 'Innlogging kreves');
    }
    if (route.body) {
      const form = route.bodyType === 'form';
      if (!req.is(form ? ['application/x-www-form-urlencoded'] : ['application/json', 'application/*+json'])) {
        throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `Innholdet må være ${form ? 'application/x-www-form-urlencoded' : 'application/json'}`);
      }
    }
    if (route.bodyType === 'raw' && route.rawMediaTypes && !req.is(route.rawMediaTypes)) {
      throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `Innholdet må være ${route.rawMediaTypes.join(' eller ')}`);
    }
    const params = parsePart(route.params, req.params, 'params');
    const query = parsePart(route.query, req.query, 'query');
    const context = { req, res, params, query, principal, user: principal.kind === 'user' ? principal.user : (undefined as never) };
    let body: never;
    try {
      body = parsePart(route.body, req.body, 'body');
    } catch (error) {
      if (!route.invalidBody || !(error instanceof HttpProblem) || error.code !== 'VALIDATION_FAILED') throw error;
      const errors: InvalidBody = (error.errors ?? []).map((e) => ({ ...e, field: e.field.replace(/^body\./, '') }));
      sendResult(res, await route.invalidBody({ ...context, raw: req.body }, errors));
      return;
    }
    sendResult(res, await route.handler({ ...context, body }));
  };
}

function sendResult(res: Response, result: RouteResult): void {
  if (result.streamed) return;
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.binary !== undefined) res.status(result.status).end(result.binary);
  else if (result.html !== undefined) res.status(result.status).type('html').send(result.html);
  else if (result.text !== undefined) res.status(result.status).send(result.text);
  else if (result.body === undefined) res.status(result.status).end();
  else res.status(result.status).json(result.body);
}
