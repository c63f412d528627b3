import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import type { Role, UserRowFragment } from "../../gql/graphql";
import { formatDateTime, formatRelative } from "../../ui/format";
import { errorMessage } from "../../ui/states";
import { resetPasswordMutation, revokeSessionsMutation, updateUserMutation } from "./operations";
import { refusalText, type RefusalLike } from "../../i18n/refusals";

const ROLES: Role[] = ["ADMIN", "OPERATOR", "VIEWER"];

type Outcome = { tone: "ok" | "bad"; message: string } | null;

/** One person: role, enabled or not, the account alert, and the ways to lock them out. */
export function UserRow({ user, isViewer }: { user: UserRowFragment; isViewer: boolean }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  const [update, updating] = useMutation(updateUserMutation);
  const [reset, resettingPassword] = useMutation(resetPasswordMutation);
  const [revoke, revoking] = useMutation(revokeSessionsMutation);
  const busy = updating.loading || resettingPassword.loading || revoking.loading;
  const failures = user.recentFailedSignIns;

  /** Runs one mutation; its userErrors or a thrown error become the row's message. */
  async function run<T extends { userErrors: readonly RefusalLike[] }>(
    call: () => Promise<T | undefined>,
    done: (result: T) => string,
  ): Promise<boolean> {
    setOutcome(null);
    try {
      const result = await call();
      if (!result) return false;
      if (result.userErrors.length) {
        setOutcome({ tone: "bad", message: result.userErrors.map((e) => refusalText(t, e)).join("; ") });
        return false;
      }
      setOutcome({ tone: "ok", message: done(result) });
      return true;
    } catch (e) {
      setOutcome({ tone: "bad", message: errorMessage(e instanceof Error ? e : new Error(String(e))) });
      return false;
    }
  }

  const setRole = (role: Role) =>
    run(
      async () => (await update({ variables: { input: { id: user.id, role } } })).data?.updateUser,
      () => t("users.roleDone", { email: user.email, role: t(`users.roles.${role}`) }),
    );

  const setDisabled = (disabled: boolean) =>
    run(
      async () => (await update({ variables: { input: { id: user.id, disabled } } })).data?.updateUser,
      () =>
        disabled
          ? t("users.disabledDone", { email: user.email })
          : t("users.enabledDone", { email: user.email }),
    );

  const signOutEverywhere = () =>
    run(
      async () => (await revoke({ variables: { userId: user.id } })).data?.revokeSessions,
      (r) => t("users.signedOutDone", { email: user.email, count: r.revokedSessions }),
    );

  async function submitPassword(e: FormEvent) {
    e.preventDefault();
    const ok = await run(
      async () => (await reset({ variables: { input: { userId: user.id, password } } })).data?.resetPassword,
      (r) => t("users.passwordDone", { email: user.email, count: r.revokedSessions }),
    );
    if (ok) {
      setPassword("");
      setResetting(false);
    }
  }

  return (
    <tr
      data-testid="user-row"
      data-email={user.email}
      className={user.disabledAt ? "is-disabled" : undefined}
    >
      <td>
        <strong>{user.name || user.email}</strong>
        {isViewer && <span className="badge tone-info small">{t("users.you")}</span>}
        {user.name && <div className="muted small">{user.email}</div>}
      </td>
      <td>
        <select
          aria-label={t("users.roleOf", { email: user.email })}
          value={user.role}
          disabled={busy}
          onChange={(e) => void setRole(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`users.roles.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {user.disabledAt ? (
          <span className="badge tone-bad" title={formatDateTime(user.disabledAt)}>
            {t("users.disabledSince", { when: formatRelative(user.disabledAt) })}
          </span>
        ) : (
          <span className="badge tone-ok">{t("users.enabled")}</span>
        )}
      </td>
      <td data-testid="failed-sign-ins">
        {failures.count === 0 ? (
          <span className="muted">{t("users.noFailures", { days: failures.days })}</span>
        ) : (
          <span className="tone-warn">
            {t("users.failures", {
              count: failures.count,
              days: failures.days,
              when: formatRelative(failures.lastAt),
            })}
            {failures.clients.length > 0 && (
              <div className="muted small mono">
                {t("users.fromClients", { clients: failures.clients.join(", ") })}
              </div>
            )}
          </span>
        )}
      </td>
      <td>
        <div className="row-actions">
          <button
            type="button"
            className={`button button-small ${user.disabledAt ? "" : "button-danger"}`}
            disabled={busy}
            onClick={() => void setDisabled(!user.disabledAt)}
          >
            {user.disabledAt ? t("users.enable") : t("users.disable")}
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() => void signOutEverywhere()}
          >
            {t("users.signOutEverywhere")}
          </button>
          <button
            type="button"
            className="button button-small button-ghost"
            aria-expanded={resetting}
            disabled={busy}
            onClick={() => setResetting(!resetting)}
          >
            {t("users.resetPassword")}
          </button>
        </div>
        {resetting && (
          <form className="inline-form" onSubmit={(e) => void submitPassword(e)}>
            <label>
              <span className="sr-only">{t("users.newPasswordFor", { email: user.email })}</span>
              <input
                type="password"
                autoComplete="new-password"
                minLength={10}
                required
                placeholder={t("users.newPasswordFor", { email: user.email })}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <button type="submit" className="button button-small button-primary" disabled={busy}>
              {busy ? t("users.working") : t("users.save")}
            </button>
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => setResetting(false)}
            >
              {t("users.cancel")}
            </button>
          </form>
        )}
        {outcome && (
          <p
            className={`notice notice-${outcome.tone} small`}
            role={outcome.tone === "bad" ? "alert" : "status"}
          >
            {outcome.message}
          </p>
        )}
      </td>
    </tr>
  );
}
