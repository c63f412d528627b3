import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import type { ProductDetailFragment, UpdateProductInput } from "../../gql/graphql";
import { useRefusal } from "../../i18n/refusals";
import { InlineErrors, errorMessage } from "../../ui/states";
import { updateProductMutation } from "./operations";

type FieldName = "price" | "stock" | "weightGrams" | "title" | "description" | "images";

interface Draft {
  price: string;
  stock: string;
  weightGrams: string;
  title: string;
  description: string;
  images: string;
}

function draftOf(p: ProductDetailFragment): Draft {
  return {
    price: p.price,
    stock: String(p.stock),
    weightGrams: p.weightGrams === null ? "" : String(p.weightGrams),
    title: p.title,
    description: p.description,
    images: p.images.join("\n"),
  };
}

/** The input field a userError names (`["input", "price"]` → price), or null for the whole form. */
function fieldOf(path: readonly string[] | null | undefined): FieldName | null {
  const name = path?.find((p) =>
    ["price", "stock", "weightGrams", "title", "description", "images"].includes(p.replace(/\[\d+\]$/, "")),
  );
  return name ? (name.replace(/\[\d+\]$/, "") as FieldName) : null;
}

export function EditProductForm({
  product,
  onDone,
}: {
  product: ProductDetailFragment;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const refusal = useRefusal();
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string[]>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [update, { loading }] = useMutation(updateProductMutation);
  const original = draftOf(product);

  function set<K extends FieldName>(key: K, value: string) {
    setDraft((d) => ({ ...d, [key]: value }));
  }

  /** Only what changed is sent, so a concurrent edit of another field is not overwritten. */
  function changes(): UpdateProductInput | { field: FieldName; message: string } {
    const input: UpdateProductInput = { id: product.id };
    if (draft.price.trim() !== original.price) input.price = draft.price.trim();
    if (draft.stock.trim() !== original.stock) {
      const n = Number(draft.stock.trim());
      if (!/^-?\d+$/.test(draft.stock.trim()) || !Number.isSafeInteger(n))
        return { field: "stock", message: t("edit.stockWhole") };
      input.stock = n;
    }
    // A missing weight keeps a product off the marketplaces; it can be set, not cleared, here.
    if (draft.weightGrams.trim() !== original.weightGrams && draft.weightGrams.trim() !== "") {
      const n = Number(draft.weightGrams.trim());
      if (!/^\d+$/.test(draft.weightGrams.trim()) || !Number.isSafeInteger(n))
        return { field: "weightGrams", message: t("edit.weightWhole") };
      input.weightGrams = n;
    }
    if (draft.title !== original.title) input.title = draft.title;
    if (draft.description !== original.description) input.description = draft.description;
    const images = draft.images
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (images.join("\n") !== original.images) input.images = images;
    return input;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFieldErrors({});
    setFormErrors([]);
    const input = changes();
    if ("field" in input) return setFieldErrors({ [input.field]: [input.message] });
    if (Object.keys(input).length === 1) return onDone(false);
    try {
      const { data } = await update({ variables: { input } });
      const payload = data?.updateProduct;
      if (!payload) return setFormErrors([t("edit.returnedNothing")]);
      if (payload.userErrors.length) {
        const byField: Partial<Record<FieldName, string[]>> = {};
        const general: string[] = [];
        for (const u of payload.userErrors) {
          const f = fieldOf(u.field);
          if (f) (byField[f] ??= []).push(refusal(u));
          else general.push(refusal(u));
        }
        setFieldErrors(byField);
        setFormErrors(general);
        return;
      }
      onDone(true);
    } catch (err) {
      setFormErrors([errorMessage(err instanceof Error ? err : new Error(String(err)))]);
    }
  }

  const errorFor = (f: FieldName) =>
    fieldErrors[f]?.length ? (
      <span className="field-error" id={`error-${f}`} role="alert">
        {fieldErrors[f]!.join("; ")}
      </span>
    ) : null;
  const described = (f: FieldName) =>
    fieldErrors[f]?.length ? { "aria-invalid": true, "aria-describedby": `error-${f}` } : {};

  return (
    <form className="edit-form" onSubmit={(e) => void submit(e)} aria-label={t("edit.label")}>
      <div className="form-grid">
        <label className="field">
          <span>{t("edit.price", { currency: product.currency })}</span>
          <input
            name="price"
            inputMode="decimal"
            value={draft.price}
            onChange={(e) => set("price", e.target.value)}
            {...described("price")}
          />
          {errorFor("price")}
        </label>
        <label className="field">
          <span>{t("products.stock")}</span>
          <input
            name="stock"
            inputMode="numeric"
            value={draft.stock}
            onChange={(e) => set("stock", e.target.value)}
            {...described("stock")}
          />
          {errorFor("stock")}
        </label>
        <label className="field">
          <span>{t("edit.weight")}</span>
          <input
            name="weightGrams"
            inputMode="numeric"
            placeholder={t("product.missing")}
            value={draft.weightGrams}
            onChange={(e) => set("weightGrams", e.target.value)}
            {...described("weightGrams")}
          />
          {errorFor("weightGrams")}
        </label>
      </div>
      <label className="field">
        <span>{t("products.productTitle")}</span>
        <input
          name="title"
          value={draft.title}
          onChange={(e) => set("title", e.target.value)}
          {...described("title")}
        />
        {errorFor("title")}
      </label>
      <label className="field">
        <span>{t("edit.description")}</span>
        <textarea
          name="description"
          rows={5}
          value={draft.description}
          onChange={(e) => set("description", e.target.value)}
          {...described("description")}
        />
        {errorFor("description")}
      </label>
      <label className="field">
        <span>{t("edit.images")}</span>
        <textarea
          name="images"
          rows={3}
          className="mono"
          value={draft.images}
          onChange={(e) => set("images", e.target.value)}
          {...described("images")}
        />
        {errorFor("images")}
      </label>
      <InlineErrors messages={formErrors} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={loading}>
          {loading ? t("edit.saving") : t("edit.save")}
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={() => onDone(false)}
          disabled={loading}
        >
          {t("edit.cancel")}
        </button>
      </div>
    </form>
  );
}
