import type { Partner, User } from '@mottak/domain';

/** Who is calling: an anonymous member of the public, a partner agency, or a logged-in user. */
export type Principal =
  | { kind: 'public' }
  | { kind: 'partner'; partner: Partner }
  | { kind: 'user'; user: User }
  /** An operator's bulk job on the server (e.g. `mottak import`); may submit on any channel. */
  | { kind: 'system'; name: string };

/** The name written as `actor` in the journal and audit log. */
export function actorName(principal: Principal): string {
  switch (principal.kind) {
    case 'public':
      return 'public';
    case 'partner':
      return `partner:${principal.partner.id}`;
    case 'user':
      return `user:${principal.user.username}`;
    case 'system':
      return `system:${principal.name}`;
  }
}

/** The actor name of background processing (worker, indexer, reconciler). */
export const SYSTEM_ACTOR = 'system';
