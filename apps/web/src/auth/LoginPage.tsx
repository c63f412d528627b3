import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { InlineErrors, errorMessage } from "../ui/states";
import { signInMutation } from "./operations";
import { session, useSession } from "./session";
import { useApolloReconnect } from "../app/ApolloSetup";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import { useDocumentTitle } from "../ui/PageHeader";

/**
 * The refusals sign-in names by code, in the reader's language; a code this dashboard does not know
 * yet (a newer server) shows the server's own words.
 */
const SIGN_IN_REFUSALS = {
  INVALID_CREDENTIALS: "login.invalidCredentials",
  ACCOUNT_DISABLED: "login.accountDisabled",
} as const;

const isKnownRefusal = (code: string): code is keyof typeof SIGN_IN_REFUSALS =>
  Object.hasOwn(SIGN_IN_REFUSALS, code);

/** Where to go after signing in: the page that asked, never another site. */
function safeNext(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login")
    ? next
    : "/products";
}

export function LoginPage() {
  const { t } = useTranslation();
  const { token, signInReason } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const reconnect = useApolloReconnect();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [signIn, { loading, client }] = useMutation(signInMutation);
  const next = safeNext(location.search);
  // Signing in follows a redirect: without its own title the tab keeps the asking page's.
  useDocumentTitle(t("login.title"));

  if (token && !loading) return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors([]);
    try {
      const { data } = await signIn({ variables: { input: { email: email.trim(), password } } });
      const result = data?.signIn;
      if (!result) return setErrors([t("login.returnedNothing")]);
      if (result.userErrors.length || !result.token) {
        return setErrors(
          result.userErrors.length
            ? result.userErrors.map((u) => (isKnownRefusal(u.code) ? t(SIGN_IN_REFUSALS[u.code]) : u.message))
            : [t("login.failed")],
        );
      }
      await client.clearStore();
      session.signIn(result.token);
      // An open socket still speaks for the anonymous caller; reconnect with the new token.
      reconnect();
      await navigate(next, { replace: true });
    } catch (err) {
      setErrors([errorMessage(err instanceof Error ? err : new Error(String(err)))]);
    }
  }

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">S</span> SyncStore
        </div>
        <LanguageSwitch />
        <h1 id="login-title">{t("login.title")}</h1>
        {signInReason && <p className="notice notice-warn">{t(signInReason)}</p>}
        <label className="field">
          <span>{t("login.email")}</span>
          <input
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("login.password")}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <InlineErrors messages={errors} />
        <button type="submit" className="button button-primary button-block" disabled={loading}>
          {loading ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
    </main>
  );
}
