import { useId, useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import type { ChannelCardFragment, UserErrorCode } from "../../gql/graphql";
import { useCan } from "../../auth/useCan";
import { InlineErrors, errorMessage } from "../../ui/states";
import { updateChannelMutation } from "./operations";
import { changesOf, draftOf, fieldOf, type SettingsDraft, type SettingsField } from "./settings-draft";

type FieldErrors = Partial<Record<SettingsField, string>>;

/**
 * A channel's publishing rules (ADMIN). Only what changed is sent; the server checks every range and
 * writes all of it or nothing, and each refusal shows under the field it names.
 */
export function ChannelSettingsForm({ channel }: { channel: ChannelCardFragment }) {
  const { t } = useTranslation();
  const canAdmin = useCan("ADMIN");
  const id = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(channel));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<"saved" | "unchanged" | null>(null);
  const [update, { loading }] = useMutation(updateChannelMutation);

  /** The server's refusal in the reader's language; its own words where this form has none of its own. */
  function messageFor(field: SettingsField, code: UserErrorCode, serverMessage: string): string {
    if (field === "name")
      return t(code === "TOO_LONG" ? "channels.errors.nameTooLong" : "channels.errors.nameRequired");
    if (field === "enabled") return serverMessage;
    return t(`channels.errors.${field}`);
  }

  function set<K extends SettingsField>(key: K, value: SettingsDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
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

  const ids = (f: SettingsField) => ({ error: `${id}-${f}-error`, hint: `${id}-${f}-hint` });
  const errorFor = (f: SettingsField) =>
    fieldErrors[f] ? (
      <span className="field-error" id={ids(f).error} role="alert" data-testid={`error-${f}`}>
        {fieldErrors[f]}
      </span>
    ) : null;
  /** The hint always describes the input; an error, when there is one, comes first. */
  const described = (f: SettingsField, hint = false) => {
    const by = [fieldErrors[f] ? ids(f).error : null, hint ? ids(f).hint : null].filter(Boolean).join(" ");
    return { ...(fieldErrors[f] ? { "aria-invalid": true } : {}), ...(by ? { "aria-describedby": by } : {}) };
  };

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
              {...described("name")}
            />
            {errorFor("name")}
          </label>
          <label className="field">
            <span>{t("channels.settings.multiplier")}</span>
            <input
              name="priceMultiplier"
              inputMode="decimal"
              autoComplete="off"
              value={draft.priceMultiplier}
              onChange={(e) => set("priceMultiplier", e.target.value)}
              {...described("priceMultiplier", true)}
            />
            <span className="small muted" id={ids("priceMultiplier").hint}>
              {t("channels.settings.multiplierHint")}
            </span>
            {errorFor("priceMultiplier")}
          </label>
          <label className="field">
            <span>{t("channels.settings.attempts")}</span>
            <input
              name="maxAttempts"
              inputMode="numeric"
              autoComplete="off"
              value={draft.maxAttempts}
              onChange={(e) => set("maxAttempts", e.target.value)}
              {...described("maxAttempts")}
            />
            {errorFor("maxAttempts")}
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
              {...described("rateLimitPerSecond", true)}
            />
            <span className="small muted" id={ids("rateLimitPerSecond").hint}>
              {t("channels.settings.rateLimitHint")}
            </span>
            {errorFor("rateLimitPerSecond")}
          </label>
        </div>
        <label className="check channel-enabled-check">
          <input
            type="checkbox"
            name="enabled"
            checked={draft.enabled}
            onChange={(e) => set("enabled", e.target.checked)}
            {...described("enabled")}
          />
          {t("channels.settings.enabled")}
        </label>
        {errorFor("enabled")}
      </fieldset>
      <InlineErrors messages={formErrors} />
      {canAdmin && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={loading}>
            {loading ? t("channels.settings.saving") : t("channels.settings.save")}
          </button>
          <button
            type="button"
            className="button button-ghost"
            disabled={loading}
            onClick={() => {
              setDraft(draftOf(channel));
              setFieldErrors({});
              setFormErrors([]);
              setNotice(null);
            }}
          >
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
