import { useState } from "react";
import { useCan } from "../../auth/useCan";
import { session } from "../../auth/session";

/**
 * Opens Bull Board (/admin/queues). The session token lives in the page, not in a cookie, so the
 * board first exchanges it for a cookie scoped to /admin/queues; the server checks it on every call.
 */
export function BullBoardLink() {
  const canAdmin = useCan("ADMIN");
  const [error, setError] = useState<string | null>(null);
  if (!canAdmin) return null;

  async function open() {
    setError(null);
    const token = session.token();
    const res = await fetch("/admin/queues/session", {
      method: "POST",
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }).catch(() => null);
    if (res?.ok) window.location.assign("/admin/queues");
    else setError(res?.status === 403 ? "Bull Board is for admins." : "Could not open Bull Board.");
  }

  return (
    <>
      <button type="button" className="button button-small" onClick={() => void open()}>
        Open Bull Board
      </button>
      {error && (
        <span className="notice notice-bad small" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
