import type { ReactNode } from "react";
import type { ErrorLike } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";

export function Spinner({ label = "Loading" }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state state-loading" aria-busy="true">
      <Spinner label={label} />
      <span>{label}</span>
    </div>
  );
}

/** A person-readable message for any Apollo error: the server's words when it sent some. */
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
    return `The server answered ${error.statusCode}. ${error.message}`;
  }
  if (error.message === "Failed to fetch") return "Cannot reach the SyncStore API. Is it running?";
  return error.message;
}

export function ErrorState({
  error,
  retry,
  title = "Something went wrong",
}: {
  error: ErrorLike;
  retry?: () => void;
  title?: string;
}) {
  return (
    <div className="state state-error" role="alert">
      <strong>{title}</strong>
      <p>{errorMessage(error)}</p>
      {retry && (
        <button type="button" className="button" onClick={retry}>
          Try again
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
