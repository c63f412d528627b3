import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import type { ProductDetailFragment, UpdateProductInput, VariantPatchInput } from "../../gql/graphql";
import { useRefusal } from "../../i18n/refusals";
import { InlineErrors, errorMessage } from "../../ui/states";
import { inputForPath, inputId, type EditInput, type VariantInput } from "./edit-fields";
import { updateProductMutation } from "./operations";

interface VariantDraft {
  id: string;
  sku: string;
  price: string;
  stock: string;
}

interface Draft {
  price: string;
  stock: string;
  weightGrams: string;
  title: string;
  description: string;
  images: string;
  sku: string;
  brand: string;
  category: string;
  lengthCm: string;
  widthCm: string;
  heightCm: string;
  attributes: string;
  variants: VariantDraft[];
}

type TextKey = Exclude<keyof Draft, "variants">;
const SIDES = ["lengthCm", "widthCm", "heightCm"] as const;

function draftOf(p: ProductDetailFragment): Draft {
  return {
    price: p.price,
    stock: String(p.stock),
    weightGrams: p.weightGrams === null ? "" : String(p.weightGrams),
    title: p.title,
    description: p.description,
    images: p.images.join("\n"),
    sku: p.sku,
    brand: p.brand ?? "",
    category: p.category ?? "",
    lengthCm: p.dimensions ? String(p.dimensions.lengthCm) : "",
    widthCm: p.dimensions ? String(p.dimensions.widthCm) : "",
    heightCm: p.dimensions ? String(p.dimensions.heightCm) : "",
    attributes: p.attributes.map((a) => `${a.name}: ${a.value}`).join("\n"),
    variants: p.variants.map((v) => ({ id: v.id, sku: v.sku, price: v.price, stock: String(v.stock) })),
  };
}

const variantName = (v: ProductDetailFragment["variants"][number]): string =>
  v.options.length ? v.options.map((o) => o.value).join(" / ") : v.sku;

export function EditProductForm({
  product,
  onDone,
  focus,
}: {
  product: ProductDetailFragment;
  onDone: (saved: boolean) => void;
  /** The input a failure named: it is focused and scrolled to when the form opens. */
  focus?: EditInput | null;
}) {
  const { t } = useTranslation();
  const refusal = useRefusal();
  const [draft, setDraft] = useState<Draft>(() => draftOf(product));
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<EditInput, string[]>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [update, { loading }] = useMutation(updateProductMutation);
  const original = draftOf(product);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!focus) return;
    const el = formRef.current?.querySelector<HTMLElement>(`#${inputId(focus)}`);
    el?.scrollIntoView({ block: "center" });
    el?.focus();
  }, [focus]);

  function set(key: TextKey, value: string) {
    setDraft((d) => ({ ...d, [key]: value }));
  }
  function setVariant(i: number, key: "sku" | "price" | "stock", value: string) {
    setDraft((d) => ({ ...d, variants: d.variants.map((v, j) => (j === i ? { ...v, [key]: value } : v)) }));
  }

  /** Only what changed is sent, so a concurrent edit of another field is not overwritten. */
  function changes(): UpdateProductInput | { field: EditInput; message: string } {
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
    if (draft.sku !== original.sku) input.sku = draft.sku;
    if (draft.brand !== original.brand) input.brand = draft.brand;
    if (draft.category !== original.category) input.category = draft.category;
    if (SIDES.some((s) => draft[s].trim() !== original[s])) {
      // Dimensions travel together, like the package they describe.
      const empty = SIDES.find((s) => draft[s].trim() === "");
      if (empty) return { field: empty, message: t("edit.dimensionsAll") };
      const notNumber = SIDES.find((s) => !/^\d+([.,]\d+)?$/.test(draft[s].trim()));
      if (notNumber) return { field: notNumber, message: t("edit.dimensionNumber") };
      const side = (s: (typeof SIDES)[number]) => draft[s].trim().replace(",", ".");
      input.dimensions = { lengthCm: side("lengthCm"), widthCm: side("widthCm"), heightCm: side("heightCm") };
    }
    if (draft.attributes.trim() !== original.attributes.trim()) {
      const attributes: { name: string; value: string }[] = [];
      for (const [i, line] of draft.attributes.split("\n").entries()) {
        if (line.trim() === "") continue;
        // The first colon ends the name, so a value may hold colons of its own ("1:2").
        const at = line.indexOf(":");
        if (at <= 0) return { field: "attributes", message: t("edit.attributeLine", { line: i + 1 }) };
        attributes.push({ name: line.slice(0, at), value: line.slice(at + 1) });
      }
      input.attributes = attributes;
    }
    const variants: VariantPatchInput[] = [];
    for (const [i, v] of draft.variants.entries()) {
      const was = original.variants[i]!;
      const patch: VariantPatchInput = { id: v.id };
      if (v.sku !== was.sku) patch.sku = v.sku;
      if (v.price.trim() !== was.price) patch.price = v.price.trim();
      if (v.stock.trim() !== was.stock) {
        const n = Number(v.stock.trim());
        if (!/^-?\d+$/.test(v.stock.trim()) || !Number.isSafeInteger(n))
          return { field: `variants.${i}.stock`, message: t("edit.stockWhole") };
        patch.stock = n;
      }
      if (Object.keys(patch).length > 1) variants.push(patch);
    }
    if (variants.length) input.variants = variants;
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
        const byField: Partial<Record<EditInput, string[]>> = {};
        const general: string[] = [];
        for (const u of payload.userErrors) {
          const f = inputForPath(indexVariants(u.field, input.variants ?? [], draft.variants));
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

  const errorFor = (f: EditInput) =>
    fieldErrors[f]?.length ? (
      <span className="field-error" id={errorId(f)} role="alert">
        {fieldErrors[f]!.join("; ")}
      </span>
    ) : null;
  const described = (f: EditInput) =>
    fieldErrors[f]?.length ? { "aria-invalid": true, "aria-describedby": errorId(f) } : {};
  const text = (
    f: TextKey & EditInput,
    extra: { inputMode?: "decimal" | "numeric"; placeholder?: string } = {},
  ) => ({
    id: inputId(f),
    name: f,
    value: draft[f],
    onChange: (e: { target: { value: string } }) => set(f, e.target.value),
    ...extra,
    ...described(f),
  });

  return (
    <form ref={formRef} className="edit-form" onSubmit={(e) => void submit(e)} aria-label={t("edit.label")}>
      <label className="field">
        <span>{t("edit.sku")}</span>
        <input className="mono" {...text("sku")} />
        <span className="muted small">{t("edit.skuHint")}</span>
        {errorFor("sku")}
      </label>
      <div className="form-grid">
        <label className="field">
          <span>{t("edit.price", { currency: product.currency })}</span>
          <input {...text("price", { inputMode: "decimal" })} />
          {errorFor("price")}
        </label>
        <label className="field">
          <span>{t("products.stock")}</span>
          <input {...text("stock", { inputMode: "numeric" })} />
          {errorFor("stock")}
        </label>
        <label className="field">
          <span>{t("edit.weight")}</span>
          <input {...text("weightGrams", { inputMode: "numeric", placeholder: t("product.missing") })} />
          {errorFor("weightGrams")}
        </label>
      </div>
      <fieldset className="form-grid form-grid-3">
        <legend>{t("edit.dimensions")}</legend>
        {SIDES.map((side) => (
          <label className="field" key={side}>
            <span>{t(`edit.${side}`)}</span>
            <input {...text(side, { inputMode: "decimal", placeholder: t("product.missing") })} />
            {errorFor(side)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t("products.productTitle")}</span>
        <input {...text("title")} />
        {errorFor("title")}
      </label>
      <div className="form-grid">
        <label className="field">
          <span>{t("edit.brand")}</span>
          <input {...text("brand", { placeholder: t("product.missing") })} />
          {errorFor("brand")}
        </label>
        <label className="field">
          <span>{t("edit.category")}</span>
          <input {...text("category", { placeholder: t("product.missing") })} />
          {errorFor("category")}
        </label>
      </div>
      <label className="field">
        <span>{t("edit.description")}</span>
        <textarea rows={5} {...text("description")} />
        {errorFor("description")}
      </label>
      <label className="field">
        <span>{t("edit.images")}</span>
        <textarea rows={3} className="mono" {...text("images")} />
        {errorFor("images")}
      </label>
      <label className="field">
        <span>{t("edit.attributes")}</span>
        <textarea rows={3} {...text("attributes")} />
        {errorFor("attributes")}
      </label>
      {product.variants.length > 0 && (
        <fieldset className="edit-variants">
          <legend>{t("edit.variants")}</legend>
          {/* Column headings for sight; each input carries its full name, variant included. */}
          <div className="form-grid form-grid-3 variant-columns muted small" aria-hidden="true">
            <span>{t("edit.sku")}</span>
            <span>{t("edit.price", { currency: product.currency })}</span>
            <span>{t("products.stock")}</span>
          </div>
          {product.variants.map((v, i) => {
            const name = variantName(v);
            const row = draft.variants[i]!;
            const input = (
              part: "sku" | "price" | "stock",
              label: string,
              inputMode?: "decimal" | "numeric",
            ) => {
              const key: VariantInput = `variants.${i}.${part}`;
              return (
                <div className="field">
                  <input
                    aria-label={label}
                    id={inputId(key)}
                    name={key}
                    className={part === "sku" ? "mono" : undefined}
                    inputMode={inputMode}
                    value={row[part]}
                    onChange={(e) => setVariant(i, part, e.target.value)}
                    {...described(key)}
                  />
                  {errorFor(key)}
                </div>
              );
            };
            return (
              <div
                className="form-grid form-grid-3"
                role="group"
                aria-label={t("edit.variantOf", { name })}
                key={v.id}
              >
                <span className="variant-name muted small" aria-hidden="true">
                  {name}
                </span>
                {input("sku", t("edit.variantSku", { name }))}
                {input("price", t("edit.variantPrice", { name }), "decimal")}
                {input("stock", t("edit.variantStock", { name }), "numeric")}
              </div>
            );
          })}
        </fieldset>
      )}
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

/** `error-title`, `error-variants-2-sku`: the id a field's refusal is read from. */
const errorId = (f: EditInput): string => `error-${f.replace(/\./g, "-")}`;

/** A userError's `variants[k]` counts the variants sent; the form's inputs count every variant. */
function indexVariants(
  path: readonly string[] | null | undefined,
  sent: readonly VariantPatchInput[],
  all: readonly VariantDraft[],
): readonly string[] | null | undefined {
  return path?.map((part) => {
    const m = /^variants\[(\d+)\]$/.exec(part);
    if (!m) return part;
    const at = all.findIndex((v) => v.id === sent[Number(m[1])]?.id);
    return at < 0 ? part : `variants[${at}]`;
  });
}
