import type { Request, Response } from 'express';
import { z } from 'zod';
import type { User } from '@mottak/domain';
import type { Principal } from '@mottak/core';
import { HttpProblem } from './problem';

/**
 * Who may call a route: `none` anyone; `intake` anyone, the principal decides the channel;
 * `user` a logged-in user (bearer token).
 */
export type RouteAuth = 'none' | 'intake' | 'user';

export interface RouteContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  /** The logged-in user; defined whenever the route's auth is `user`. */
  user: User;
}

export interface RouteResult {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as text/html instead of `body` (the server-rendered public tip form). */
  html?: string;
  /** Sent as plain text (Prometheus metrics); set Content-Type in `headers` for a specific format. */
  text?: string;
  /** Bytes sent as they are (a downloaded file); set Content-Type and Content-Disposition in `headers`. */
  binary?: Buffer;
  headers?: Record<string, string>;
  /** The handler wrote the response itself (an event stream); nothing more is sent. */
  streamed?: true;
}

/** A body that failed its schema, field by field, for routes that answer it themselves. */
export type InvalidBody = Array<{ field: string; message: string }>;

/**
 * One HTTP route: its contract (zod schemas, used both to validate requests and to generate the
 * OpenAPI document) and its handler. Routes are data, so nothing can be served that is not described.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path, e.g. `/api/v1/reports/:id`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * How the body is sent: `json` (default) or `form` (`application/x-www-form-urlencoded`, an
   * HTML form that works without JavaScript).
   */
  bodyType?: 'json' | 'form' | 'raw';
  /** For `raw` bodies (bytes): the media types accepted (anything else is 415), as the OpenAPI document lists them. */
  rawMediaTypes?: string[];
  /**
   * The body may be as large as an attachment (MOTTAK_ATTACHMENT_LIMIT_BYTES) rather than an
   * ordinary request: JSON intake with base64 attachments, an uploaded .eml. Paths without parameters only.
   */
  largeBody?: boolean;
  /**
   * Answers a body that failed `body` instead of the usual 400 problem (an HTML form re-renders
   * itself with the field errors). `fields` are the body paths, e.g. `title`, `reporterContact.email`.
   */
  invalidBody?(ctx: Omit<RouteContext<P, Q, B>, 'body'> & { raw: unknown }, errors: InvalidBody): Promise<RouteResult>;
  /** Extra request headers worth documenting (e.g. Idempotency-Key). */
  headers?: Array<{ name: string; description: string; required?: boolean }>;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string; binary?: boolean }>;
  handler(ctx: RouteContext<P, Q, B>): Promise<RouteResult>;
}

/** Keeps type inference for a route's schemas. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}

/** Parses one part of a request with its schema; failure is a 400 naming every bad field. */
export function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, part: 'body' | 'query' | 'params'): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.code === 'unrecognized_keys' ? `ukjente felt: ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new HttpProblem(400, 'VALIDATION_FAILED', `Ugyldig ${part === 'body' ? 'innhold' : part === 'query' ? 'spørreparameter' : 'sti'}: ${errors.map((e) => e.field).join(', ')}`, errors);
}

/** Paging parameters shared by list routes. */
export const pagingQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

export const idParams = z.strictObject({ id: z.string().min(1).max(100) });
