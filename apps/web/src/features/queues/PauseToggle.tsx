import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { useCan } from "../../auth/useCan";
import { errorMessage } from "../../ui/states";
import { pauseChannelMutation, queueStatsQuery, resumeChannelMutation } from "./operations";
import { refusalText } from "../../i18n/refusals";

/**
 * Pause or resume one channel's queue (ADMIN). Paused, every worker stops starting that channel's
 * jobs; running ones finish and the rest wait, nothing is lost.
 */
export function PauseToggle({
  channelId,
  paused,
  name,
}: {
  channelId: string;
  paused: boolean;
  name: string;
}) {
  const { t } = useTranslation();
  const canAdmin = useCan("ADMIN");
  const [error, setError] = useState<string | null>(null);
  const refetchQueries = [{ query: queueStatsQuery }];
  const [pause, pausing] = useMutation(pauseChannelMutation, { refetchQueries });
  const [resume, resuming] = useMutation(resumeChannelMutation, { refetchQueries });
  const busy = pausing.loading || resuming.loading;

  async function toggle() {
    setError(null);
    try {
      const { data } = paused
        ? await resume({ variables: { id: channelId } }).then((r) => ({ data: r.data?.resumeChannel }))
        : await pause({ variables: { id: channelId } }).then((r) => ({ data: r.data?.pauseChannel }));
      if (data?.userErrors.length) setError(data.userErrors.map((u) => refusalText(t, u)).join("; "));
    } catch (e) {
      setError(errorMessage(e instanceof Error ? e : new Error(String(e))));
    }
  }

  return (
    <div className="queue-control">
      <button
        type="button"
        className={`button button-small ${paused ? "button-primary" : ""}`}
        disabled={!canAdmin || busy}
        title={canAdmin ? undefined : t("queues.adminsOnly")}
        aria-label={t(paused ? "queues.resumeQueue" : "queues.pauseQueue", { name })}
        onClick={() => void toggle()}
      >
        {busy
          ? t(paused ? "queues.resuming" : "queues.pausing")
          : t(paused ? "queues.resume" : "queues.pause")}
      </button>
      {error && (
        <p className="notice notice-bad small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
