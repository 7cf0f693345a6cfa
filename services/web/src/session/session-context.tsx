import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { api, configureApi } from '../api/client';
import type { LoginResponse, Role, User } from '../api/types';
import { clearSession, loadSession, saveSession, type Session } from './session';

interface SessionValue {
  session: Session | undefined;
  /** Why the user was sent back to the login page, if not by their own choice. */
  endedReason: string | undefined;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

/** Keeps the login (token and user) and gives it to the API client. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | undefined>(() => loadSession());
  const [endedReason, setEndedReason] = useState<string>();

  const end = useCallback(
    (reason: string | undefined) => {
      clearSession();
      configureApi(undefined);
      queryClient.clear();
      setEndedReason(reason);
      setSession(undefined);
    },
    [queryClient],
  );

  // Set during render so the first queries of a restored session already carry the token.
  configureApi(session?.token, () => end('Sesjonen er utløpt. Logg inn på nytt.'));

  const login = useCallback(async (username: string, password: string) => {
    const response = await api<LoginResponse>('/api/v1/auth/login', { method: 'POST', body: { username, password } });
    setEndedReason(undefined);
    setSession(saveSession(response));
    return response.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST' });
    } finally {
      end(undefined);
    }
  }, [end]);

  const value = useMemo(() => ({ session, endedReason, login, logout }), [session, endedReason, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in user; only inside pages that require a login. */
export function useUser(): User {
  const { session } = useSession();
  if (!session) throw new Error('useUser without a session');
  return session.user;
}

export function hasRole(user: User, ...roles: Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
