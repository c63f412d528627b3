import { useSyncExternalStore } from "react";

/** Shared with the playground, which reads the same key to pre-fill its Authorization header. */
export const TOKEN_KEY = "syncstore.token";

export interface SessionState {
  token: string | null;
  /** The API refused the call for want of a valid credential: the app sends the person to /login. */
  needsSignIn: boolean;
  /** Why, when it is worth saying (a session that ended); null for someone who never signed in. */
  /** A catalog key: the sign-in page says it in the reader's language. */
  signInReason: "login.sessionEnded" | null;
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

let state: SessionState = { token: readToken(), needsSignIn: false, signInReason: null };

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
    set({ token, needsSignIn: false, signInReason: null });
  },
  signOut(): void {
    localStorage.removeItem(TOKEN_KEY);
    set({ token: null, needsSignIn: false, signInReason: null });
  },
  /** The server refused the call as unauthenticated: forget the credential and ask for a sign-in. */
  expire(): void {
    if (state.needsSignIn) return;
    const reason = state.token ? "login.sessionEnded" : null;
    localStorage.removeItem(TOKEN_KEY);
    set({ token: null, needsSignIn: true, signInReason: reason });
  },
};

// Another tab signing in or out changes this tab's session too.
window.addEventListener("storage", (e) => {
  if (e.key === TOKEN_KEY)
    set({ token: e.newValue, needsSignIn: state.needsSignIn && !e.newValue, signInReason: null });
});

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.get);
}
