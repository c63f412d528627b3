import { useEffect, useState, type ReactNode } from "react";
import { NavLink, Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { useMutation, useQuery } from "@apollo/client/react";
import { signOutMutation, viewerQuery } from "../auth/operations";
import { session, useSession } from "../auth/session";
import { useApolloReconnect } from "./ApolloSetup";
import { useTranslation } from "react-i18next";
import type { ParseKeys } from "i18next";
import { DeadLetterCount } from "../features/dead-letters/DeadLetterCount";
import { useCan } from "../auth/useCan";
import { LanguageSwitch } from "../i18n/LanguageSwitch";

/** One entry per section; a new section is one more line here (the phone menu lists the same). */
export interface NavEntry {
  to: string;
  label: ParseKeys;
  extra?: ReactNode;
  /** Shown only to callers with the ADMIN permission. */
  adminOnly?: boolean;
}

const NAV: NavEntry[] = [
  { to: "/products", label: "nav.products" },
  { to: "/batches", label: "nav.batches" },
  { to: "/dead-letters", label: "nav.deadLetters", extra: <DeadLetterCount /> },
  { to: "/channels", label: "nav.channels" },
  { to: "/queues", label: "nav.queues" },
  { to: "/logs", label: "nav.logs" },
  { to: "/analytics", label: "nav.analytics" },
  { to: "/import", label: "nav.import" },
  { to: "/users", label: "nav.users", adminOnly: true },
];

function Viewer() {
  const { t } = useTranslation();
  const { token } = useSession();
  const navigate = useNavigate();
  const reconnect = useApolloReconnect();
  const { data, client } = useQuery(viewerQuery, { fetchPolicy: "cache-first" });
  const [revoke] = useMutation(signOutMutation);
  const viewer = data?.viewer;

  async function signOut() {
    // Revoke the session server-side too; a failure there must not keep the person signed in here.
    await revoke().catch(() => undefined);
    session.signOut();
    reconnect();
    await client.clearStore();
    await navigate("/login");
  }

  if (!viewer) {
    return token ? null : (
      <NavLink className="header-link" to="/login">
        {t("viewer.signIn")}
      </NavLink>
    );
  }
  return (
    <div className="viewer">
      <span
        className="viewer-name"
        title={`${viewer.email ?? (viewer.kind === "API_KEY" ? t("viewer.apiKey") : viewer.id)} · ${t(`users.roles.${viewer.role}`)}`}
        data-testid="signed-in-as"
      >
        {t("viewer.signedInAs")}{" "}
        <strong>
          {viewer.name || viewer.email || (viewer.kind === "API_KEY" ? t("viewer.apiKey") : viewer.id)}
        </strong>
      </span>
      <button type="button" className="button button-ghost button-small" onClick={() => void signOut()}>
        {t("viewer.signOut")}
      </button>
    </div>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { needsSignIn } = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const canAdmin = useCan("ADMIN");
  const { data: viewerData } = useQuery(viewerQuery, { fetchPolicy: "cache-first" });
  // Admin-only sections appear once the viewer is known to be an admin (useCan alone says yes while unknown).
  const nav = NAV.filter((n) => !n.adminOnly || (viewerData?.viewer && canAdmin));
  // Following a link closes the phone menu.
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  if (needsSignIn) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="header" data-menu-open={menuOpen}>
        <NavLink to="/products" className="brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <span className="brand-name">SyncStore</span>
        </NavLink>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span aria-hidden="true">{menuOpen ? "✕" : "☰"}</span> {t("app.menu")}
          <DeadLetterCount decorative />
        </button>
        <div className="menu" id="main-menu">
          <nav className="nav" aria-label={t("app.mainNav")}>
            {nav.map((n) => (
              <NavLink
                key={n.to}
                to={n.to}
                className={({ isActive }) => `nav-link${isActive ? " active" : ""}`}
              >
                {t(n.label)}
                {n.extra}
              </NavLink>
            ))}
          </nav>
          <div className="header-end">
            <a className="header-link" href="/playground" target="_blank" rel="noreferrer">
              {t("app.playground")}
            </a>
            <LanguageSwitch />
            <Viewer />
          </div>
        </div>
      </header>
      <main className="main" id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
