import type { LoginResponse, User } from '../api/types';

/** What is kept of a login, for this browser tab only (sessionStorage: gone when the tab closes). */
export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

const KEY = 'mottak.sesjon';

/** The stored session, unless it is missing, unreadable or expired. */
export function loadSession(now = Date.now()): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as Session;
    if (typeof session.token !== 'string' || !session.user || Date.parse(session.expiresAt) <= now) {
      sessionStorage.removeItem(KEY);
      return undefined;
    }
    return session;
  } catch {
    return undefined;
  }
}

export function saveSession(login: LoginResponse): Session {
  const session: Session = { token: login.token, expiresAt: login.expiresAt, user: login.user };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
