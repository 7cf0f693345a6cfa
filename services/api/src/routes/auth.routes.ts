import { z } from 'zod';
import { type CoreDeps, login, logout } from '@mottak/core';
import { DomainError, graderingSchema, roleSchema } from '@mottak/domain';
import { defineRoute, type RouteSpec } from '../route';

export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  klarering: graderingSchema,
  unit: z.string(),
  compartments: z.array(z.string()),
  disabled: z.boolean(),
});

const loginSchema = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

/** Login, logout and who-am-I. */
export function authRoutes(deps: CoreDeps): Array<RouteSpec<never, never, never>> {
  const routes = [
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      operationId: 'login',
      summary: 'Logg inn; gir et sesjonstoken (Bearer)',
      tag: 'Innlogging',
      auth: 'none',
      body: loginSchema,
      responses: {
        200: { description: 'Session opened', schema: z.object({ token: z.string(), expiresAt: z.string(), user: publicUserSchema }) },
        401: { description: 'Wrong username or password' },
        429: { description: 'Too many attempts' },
      },
      async handler({ req, body }) {
        const result = await login(deps, body.username, body.password, req.ip ?? 'unknown');
        return { status: 200, body: result };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      operationId: 'logout',
      summary: 'Logg ut (sesjonen tilbakekalles)',
      tag: 'Innlogging',
      auth: 'user',
      responses: { 204: { description: 'Session revoked' } },
      async handler({ req, user }) {
        const token = /^Bearer (.+)$/.exec(req.get('Authorization') ?? '')?.[1];
        if (!token) throw new DomainError('UNAUTHENTICATED', 'Mangler sesjonstoken');
        await logout(deps, token, user);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me',
      operationId: 'me',
      summary: 'Innlogget bruker med roller, klarering, enhet og rom',
      tag: 'Innlogging',
      auth: 'user',
      responses: { 200: { description: 'The user', schema: publicUserSchema } },
      async handler({ user }) {
        return { status: 200, body: user };
      },
    }),
  ];
  return routes as unknown as Array<RouteSpec<never, never, never>>;
}
