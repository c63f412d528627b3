import { useSyncExternalStore } from "react";

/** Shared with the playground, which reads the same key to pre-fill its Authorization header. */
export const TOKEN_KEY = "syncstore.token";

export interface SessionState {
  token: string | null;
  /** Why the user must sign in again (an expired session), shown on the login page. */
  signInReason: string | null;
}

type Listener = () => void;
const listeners = new Set<Listener>();

function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

let state: SessionState = { token: readToken(), signInReason: null };

function set(next: SessionState): void {
  state = next;
  for (const l of listeners) l();
}

export const session = {
  get: (): SessionState => state,
  token: (): string | null => state.token,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(token: string): void {
    localStorage.setItem(TOKEN_KEY, token);
    set({ token, signInReason: null });
  },
  signOut(): void {
    localStorage.removeItem(TOKEN_KEY);
    set({ token: null, signInReason: null });
  },
  /** The server refused the credential: forget it and ask for a sign-in, saying why. */
  expire(reason: string): void {
    if (state.signInReason === reason && state.token === null) return;
    localStorage.removeItem(TOKEN_KEY);
    set({ token: null, signInReason: reason });
  },
};

// Another tab signing in or out changes this tab's session too.
window.addEventListener("storage", (e) => {
  if (e.key === TOKEN_KEY) set({ token: e.newValue, signInReason: null });
});

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.get);
}
