import type { ReactNode } from "react";
import type { ErrorLike } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import i18next from "i18next";
import { useTranslation } from "react-i18next";

export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <span className="spinner" role="status" aria-label={label ?? t("states.loading")} />;
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  const text = label ?? t("states.loadingEllipsis");
  return (
    <div className="state state-loading" aria-busy="true">
      <Spinner label={text} />
      <span>{text}</span>
    </div>
  );
}

/**
 * A person-readable message for any Apollo error: the server's words when it sent some (verbatim, they
 * are what support will search for), SyncStore's own in the reader's language otherwise.
 */
export function errorMessage(error: ErrorLike): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join("; ");
  if (ServerError.is(error)) {
    // Error responses still carry GraphQL errors in the body; their words beat "status code 429".
    try {
      const body = JSON.parse(error.bodyText) as { errors?: { message?: string }[] };
      const messages = body.errors?.map((e) => e.message).filter(Boolean);
      if (messages?.length) return messages.join("; ");
    } catch {
      // Not JSON: fall through to the status.
    }
    return i18next.t("states.serverAnswered", { status: error.statusCode, message: error.message });
  }
  if (error.message === "Failed to fetch") return i18next.t("states.cannotReach");
  return error.message;
}

export function ErrorState({
  error,
  retry,
  title,
}: {
  error: ErrorLike;
  retry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      <strong>{title ?? t("states.somethingWentWrong")}</strong>
      <p>{errorMessage(error)}</p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          {t("states.tryAgain")}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children && <div className="state-detail">{children}</div>}
    </div>
  );
}

/** Inline mutation feedback: userErrors and thrown errors look the same to the operator. */
export function InlineErrors({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="inline-errors" role="alert">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
