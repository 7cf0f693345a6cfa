import type { NextFunction, Request, Response } from 'express';
import { authenticatePartner, authenticateSession, type CoreDeps, type Principal } from '@mottak/core';
import { DomainError } from '@mottak/domain';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/**
 * Resolves who is calling from `Authorization: Bearer <session token>` or `X-API-Key`. No
 * credentials means the public; credentials that do not check out are refused (never silently
 * downgraded to public).
 */
export function resolvePrincipal(deps: CoreDeps) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const authorization = req.get('Authorization');
    const apiKey = req.get('X-API-Key');
    if (authorization !== undefined) {
      const token = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(authorization)?.[1];
      const user = token ? await authenticateSession(deps, token) : undefined;
      if (!user) throw new DomainError('UNAUTHENTICATED', 'Sesjonen er ugyldig eller utløpt; logg inn på nytt');
      req.principal = { kind: 'user', user };
    } else if (apiKey !== undefined) {
      const partner = apiKey.length <= 200 ? await authenticatePartner(deps, apiKey) : undefined;
      if (!partner) throw new DomainError('UNAUTHENTICATED', 'Ukjent API-nøkkel');
      req.principal = { kind: 'partner', partner };
    } else {
      req.principal = { kind: 'public' };
    }
    next();
  };
}
