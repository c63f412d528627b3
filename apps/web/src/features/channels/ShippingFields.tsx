import { useTranslation } from "react-i18next";
import { emptyLogistic, type LogisticDraft, type ShippingDraft } from "./settings-draft";
import type { fieldAria } from "./field-errors";

/**
 * The channel's shipping profile: Shopee logistics channels (one row each) or the TikTok Shop
 * warehouse with optional delivery options. Sent as a whole when anything in it changed.
 */
export function ShippingFields({
  shipping,
  onChange,
  aria,
}: {
  shipping: ShippingDraft;
  onChange: (next: ShippingDraft) => void;
  aria: ReturnType<typeof fieldAria>;
}) {
  const { t } = useTranslation();
  if (shipping.platform === "TIKTOK_SHOP")
    return (
      <div className="form-grid">
        <label className="field">
          <span>{t("channels.settings.warehouseId")}</span>
          <input
            name="warehouseId"
            inputMode="numeric"
            autoComplete="off"
            value={shipping.warehouseId}
            onChange={(e) => onChange({ ...shipping, warehouseId: e.target.value })}
            {...aria.described("shipping.warehouseId")}
          />
          {aria.errorFor("shipping.warehouseId")}
        </label>
        <label className="field">
          <span>{t("channels.settings.deliveryOptionIds")}</span>
          <input
            name="deliveryOptionIds"
            autoComplete="off"
            value={shipping.deliveryOptionIds}
            onChange={(e) => onChange({ ...shipping, deliveryOptionIds: e.target.value })}
            {...aria.described("shipping.deliveryOptionIds", true)}
          />
          <span className="small muted" id={aria.hintId("shipping.deliveryOptionIds")}>
            {t("channels.settings.deliveryOptionIdsHint")}
          </span>
          {aria.errorFor("shipping.deliveryOptionIds")}
        </label>
      </div>
    );

  const rows = shipping.logistics;
  const setRow = (i: number, patch: Partial<LogisticDraft>) =>
    onChange({ ...shipping, logistics: rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <div className="channel-logistics">
      <p className="small muted" id={aria.hintId("shipping.logistics")}>
        {t("channels.settings.logisticsHint")}
      </p>
      {rows.length === 0 && <p className="channel-warn small">{t("channels.settings.noLogistics")}</p>}
      {aria.errorFor("shipping.logistics")}
      {rows.map((row, i) => {
        const at = `shipping.logistics.${i}`;
        const n = i + 1;
        return (
          <div
            key={i}
            className="channel-logistic-row"
            role="group"
            aria-label={t("channels.settings.logisticRow", { n })}
            data-testid="logistic-row"
          >
            <label className="field">
              <span>{t("channels.settings.logisticId")}</span>
              <input
                name={`${at}.logisticId`}
                inputMode="numeric"
                autoComplete="off"
                value={row.logisticId}
                onChange={(e) => setRow(i, { logisticId: e.target.value })}
                {...aria.described(`${at}.logisticId`)}
              />
              {aria.errorFor(`${at}.logisticId`)}
            </label>
            <label className="field">
              <span>{t("channels.settings.sizeId")}</span>
              <input
                name={`${at}.sizeId`}
                inputMode="numeric"
                autoComplete="off"
                value={row.sizeId}
                onChange={(e) => setRow(i, { sizeId: e.target.value })}
                {...aria.described(`${at}.sizeId`)}
              />
              {aria.errorFor(`${at}.sizeId`)}
            </label>
            <label className="field">
              <span>{t("channels.settings.shippingFee")}</span>
              <input
                name={`${at}.shippingFee`}
                inputMode="decimal"
                autoComplete="off"
                value={row.shippingFee}
                onChange={(e) => setRow(i, { shippingFee: e.target.value })}
                {...aria.described(`${at}.shippingFee`)}
              />
              {aria.errorFor(`${at}.shippingFee`)}
              {aria.errorFor(`${at}.maxWeightKg`)}
            </label>
            <button
              type="button"
              className="button button-ghost button-small channel-logistic-remove"
              aria-label={t("channels.settings.removeLogistic", { n })}
              onClick={() => onChange({ ...shipping, logistics: rows.filter((_, j) => j !== i) })}
            >
              {t("channels.settings.remove")}
            </button>
          </div>
        );
      })}
      <div>
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange({ ...shipping, logistics: [...rows, emptyLogistic()] })}
        >
          {t("channels.settings.addLogistic")}
        </button>
      </div>
    </div>
  );
}
