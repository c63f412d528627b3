import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import type { Platform, StartBatchSyncInput } from "../../gql/graphql";
import { errorMessage } from "../../ui/states";
import { startBatchSyncMutation } from "./operations";
import { refusalText } from "../../i18n/refusals";

export const PLATFORMS: readonly Platform[] = ["SHOPEE", "TIKTOK_SHOP"];

/** Starts a batch and opens its live page; problems come back as messages for the form. */
export function useStartBatch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<string[]>([]);
  const [mutate, { loading }] = useMutation(startBatchSyncMutation, {
    refetchQueries: ["Batches"],
  });

  async function start(input: StartBatchSyncInput): Promise<boolean> {
    setErrors([]);
    try {
      const { data } = await mutate({ variables: { input } });
      const payload = data?.startBatchSync;
      if (!payload?.batch) {
        setErrors(payload?.userErrors.map((u) => refusalText(t, u)) ?? [t("sync.notStarted")]);
        return false;
      }
      await navigate(`/batches/${payload.batch.id}`);
      return true;
    } catch (e) {
      setErrors([errorMessage(e instanceof Error ? e : new Error(String(e)))]);
      return false;
    }
  }

  return { start, starting: loading, errors };
}
