import { useId, useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import type { ChannelCardFragment, UserErrorCode } from "../../gql/graphql";
import { useCan } from "../../auth/useCan";
import { InlineErrors, errorMessage } from "../../ui/states";
import { fieldAria, type FieldErrors } from "./field-errors";
import { updateChannelMutation } from "./operations";
import { changesOf, draftOf, fieldOf, type FieldKey, type SettingsDraft } from "./settings-draft";
import { ShippingFields } from "./ShippingFields";

type TopLevel = Exclude<keyof SettingsDraft, "shipping">;

/**
 * A channel's publishing rules (ADMIN). Only what changed is sent; the server checks every range and
 * id and writes all of it or nothing, and each refusal shows under the field it names.
 */
export function ChannelSettingsForm({ channel }: { channel: ChannelCardFragment }) {
  const { t } = useTranslation();
  const canAdmin = useCan("ADMIN");
  const formId = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(channel));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<"saved" | "unchanged" | null>(null);
  const [update, { loading }] = useMutation(updateChannelMutation);
  const aria = fieldAria(formId, fieldErrors);

  /** The server's refusal in the reader's language; its own words where this form has none of its own. */
  function messageFor(field: FieldKey, code: UserErrorCode, serverMessage: string): string {
    switch (field) {
      case "name":
        return t(code === "TOO_LONG" ? "channels.errors.nameTooLong" : "channels.errors.nameRequired");
      case "priceMultiplier":
      case "maxAttempts":
      case "rateLimitPerSecond":
        return t(`channels.errors.${field}`);
      case "shipping.logistics":
        return t("channels.errors.logisticsRequired");
      case "shipping.warehouseId":
        return t("channels.errors.marketplaceId");
      case "shipping.deliveryOptionIds":
        return t("channels.errors.marketplaceIds");
    }
    if (field.endsWith(".logisticId"))
      return t(code === "DUPLICATE" ? "channels.errors.logisticDuplicate" : "channels.errors.positiveWhole");
    if (field.endsWith(".sizeId")) return t("channels.errors.positiveWhole");
    if (field.endsWith(".shippingFee")) return t("channels.errors.notNegative");
    return serverMessage;
  }

  function set<K extends TopLevel>(key: K, value: SettingsDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setNotice(null);
  }

  function setShipping(shipping: SettingsDraft["shipping"]) {
    setDraft((d) => ({ ...d, shipping }));
    // Rows may have moved: an error naming a row by its position would now point at another one.
    setFieldErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("shipping"))));
    setNotice(null);
  }

  function reset() {
    setDraft(draftOf(channel));
    setFieldErrors({});
    setFormErrors([]);
    setNotice(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFieldErrors({});
    setFormErrors([]);
    setNotice(null);
    const changes = changesOf(channel, draft);
    if ("problems" in changes) {
      setFieldErrors(
        Object.fromEntries(changes.problems.map((p) => [p.field, t(`channels.errors.${p.reason}`)])),
      );
      return;
    }
    if (changes.changed.length === 0) return setNotice("unchanged");
    try {
      const { data } = await update({ variables: { input: changes.input } });
      const payload = data?.updateChannel;
      if (!payload) return setFormErrors([t("channels.settings.returnedNothing")]);
      if (payload.userErrors.length) {
        const byField: FieldErrors = {};
        const general: string[] = [];
        for (const u of payload.userErrors) {
          const f = fieldOf(u.field);
          if (f) byField[f] ??= messageFor(f, u.code, u.message);
          else general.push(u.message);
        }
        setFieldErrors(byField);
        setFormErrors(general);
        return;
      }
      if (payload.channel) setDraft(draftOf(payload.channel));
      setNotice("saved");
    } catch (err) {
      setFormErrors([errorMessage(err instanceof Error ? err : new Error(String(err)))]);
    }
  }

  return (
    <form
      className="channel-settings"
      onSubmit={(e) => void submit(e)}
      aria-label={t("channels.settings.formLabel", { name: channel.name })}
      noValidate
    >
      {!canAdmin && <p className="muted small">{t("channels.settings.adminsOnly")}</p>}
      <fieldset className="channel-settings-fields" disabled={!canAdmin || loading}>
        <div className="form-grid">
          <label className="field">
            <span>{t("channels.settings.name")}</span>
            <input
              name="name"
              value={draft.name}
              onChange={(e) => set("name", e.target.value)}
              {...aria.described("name")}
            />
            {aria.errorFor("name")}
          </label>
          <label className="field">
            <span>{t("channels.settings.multiplier")}</span>
            <input
              name="priceMultiplier"
              inputMode="decimal"
              autoComplete="off"
              value={draft.priceMultiplier}
              onChange={(e) => set("priceMultiplier", e.target.value)}
              {...aria.described("priceMultiplier", true)}
            />
            <span className="small muted" id={aria.hintId("priceMultiplier")}>
              {t("channels.settings.multiplierHint")}
            </span>
            {aria.errorFor("priceMultiplier")}
          </label>
          <label className="field">
            <span>{t("channels.settings.attempts")}</span>
            <input
              name="maxAttempts"
              inputMode="numeric"
              autoComplete="off"
              value={draft.maxAttempts}
              onChange={(e) => set("maxAttempts", e.target.value)}
              {...aria.described("maxAttempts")}
            />
            {aria.errorFor("maxAttempts")}
          </label>
          <label className="field">
            <span>{t("channels.settings.rateLimit")}</span>
            <input
              name="rateLimitPerSecond"
              inputMode="numeric"
              autoComplete="off"
              placeholder={t("channels.platformDefault")}
              value={draft.rateLimitPerSecond}
              onChange={(e) => set("rateLimitPerSecond", e.target.value)}
              {...aria.described("rateLimitPerSecond", true)}
            />
            <span className="small muted" id={aria.hintId("rateLimitPerSecond")}>
              {t("channels.settings.rateLimitHint")}
            </span>
            {aria.errorFor("rateLimitPerSecond")}
          </label>
        </div>
        <label className="check channel-enabled-check">
          <input
            type="checkbox"
            name="enabled"
            checked={draft.enabled}
            onChange={(e) => set("enabled", e.target.checked)}
            {...aria.described("enabled")}
          />
          {t("channels.settings.enabled")}
        </label>
        {aria.errorFor("enabled")}
        <fieldset className="channel-shipping-fields">
          <legend>{t("channels.settings.shipping")}</legend>
          <ShippingFields shipping={draft.shipping} onChange={setShipping} aria={aria} />
        </fieldset>
      </fieldset>
      <InlineErrors messages={formErrors} />
      {canAdmin && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={loading}>
            {loading ? t("channels.settings.saving") : t("channels.settings.save")}
          </button>
          <button type="button" className="button button-ghost" disabled={loading} onClick={reset}>
            {t("channels.settings.reset")}
          </button>
        </div>
      )}
      <div role="status" aria-live="polite">
        {notice && (
          <p
            className={`notice ${notice === "saved" ? "notice-ok" : ""} channel-notice`}
            data-testid="channel-notice"
          >
            {t(notice === "saved" ? "channels.settings.saved" : "channels.settings.unchanged")}
          </p>
        )}
      </div>
    </form>
  );
}
