import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../../auth/useCan";
import { session } from "../../auth/session";

/**
 * Opens Bull Board (/admin/queues). The session token lives in the page, not in a cookie, so the
 * board first exchanges it for a cookie scoped to /admin/queues; the server checks it on every call.
 */
export function BullBoardLink() {
  const { t } = useTranslation();
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
    else setError(res?.status === 403 ? t("queues.bullBoardAdmins") : t("queues.bullBoardFailed"));
  }

  return (
    <>
      <button type="button" className="button button-small" onClick={() => void open()}>
        {t("queues.openBullBoard")}
      </button>
      {error && (
        <span className="notice notice-bad small" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
