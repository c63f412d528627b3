import { describe, expect, it } from "vitest";
import { parseCatalogRow } from "./parse-row";

const good = {
  sku: "KAOS-001",
  title: "Kaos Polos Hitam",
  description: "Katun",
  brand: "Erigo",
  category: "Fashion",
  price: "89900",
  currency: "idr",
  stock: "12",
  weight_grams: "250",
  length_cm: "30",
  width_cm: "20.5",
  height_cm: "2",
  images: "https://cdn.example.com/a.jpg | /media/demo/fashion-1.png",
  attributes: "Material=Katun; Color=Hitam",
};

describe("parseCatalogRow", () => {
  it("normalizes a full CSV row", () => {
    expect(parseCatalogRow(good)).toEqual({
      ok: true,
      product: {
        sku: "KAOS-001",
        title: "Kaos Polos Hitam",
        description: "Katun",
        brand: "Erigo",
        category: "Fashion",
        price: "89900.00",
        currency: "IDR",
        stock: 12,
        weightGrams: 250,
        lengthCm: 30,
        widthCm: 20.5,
        heightCm: 2,
        images: ["https://cdn.example.com/a.jpg", "/media/demo/fashion-1.png"],
        attributes: { Material: "Katun", Color: "Hitam" },
      },
    });
  });

  it("accepts a minimal row and typed JSON values with variants", () => {
    const min = parseCatalogRow({ sku: "A", title: "Tas", price: "1", currency: "IDR", stock: "0" });
    expect(min).toMatchObject({
      ok: true,
      product: {
        brand: null,
        weightGrams: null,
        lengthCm: null,
        images: [],
        attributes: {},
        description: "",
      },
    });
    expect(min.ok && "variants" in min.product).toBe(false);
    const json = parseCatalogRow({
      sku: "B",
      title: "Sepatu",
      price: 150000,
      currency: "IDR",
      stock: 3,
      images: ["/media/demo/sports-1.png"],
      attributes: { Size: 42, Waterproof: true },
      variants: [
        {
          sku: "B-42",
          options: { Size: "42" },
          price: "150000",
          stock: 3,
          image: "/media/demo/sports-2.png",
        },
      ],
    });
    expect(json).toMatchObject({
      ok: true,
      product: {
        price: "150000.00",
        attributes: { Size: "42", Waterproof: "true" },
        variants: [
          {
            sku: "B-42",
            options: { Size: "42" },
            price: "150000.00",
            stock: 3,
            image: "/media/demo/sports-2.png",
            position: 0,
          },
        ],
      },
    });
  });

  it("reads attributes as JSON text", () => {
    expect(parseCatalogRow({ ...good, attributes: '{"Bahan":"Linen"}' })).toMatchObject({
      ok: true,
      product: { attributes: { Bahan: "Linen" } },
    });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["missing sku", { sku: "" }, ["sku"]],
    ["missing title", { title: " " }, ["title"]],
    ["bad price", { price: "Rp 15.000" }, ["price"]],
    ["negative stock", { stock: "-1" }, ["stock"]],
    ["bad currency", { currency: "Rupiah" }, ["currency"]],
    ["zero weight", { weight_grams: "0" }, ["weight_grams"]],
    ["fractional weight", { weight_grams: "2.5" }, ["weight_grams"]],
    ["partial dimensions", { height_cm: "" }, ["length_cm"]],
    ["bad dimension", { width_cm: "wide" }, ["width_cm"]],
    ["bad image", { images: "/media/a.png|nope" }, ["images[1]"]],
    [
      "too many images",
      { images: Array.from({ length: 10 }, (_, i) => `/media/${i}.png`).join("|") },
      ["images"],
    ],
    ["bad attributes", { attributes: "Material" }, ["attributes"]],
    ["broken attribute JSON", { attributes: "{nope" }, ["attributes"]],
    ["long title", { title: "x".repeat(256) }, ["title"]],
    ["long brand", { brand: "b".repeat(256) }, ["brand"]],
    ["unknown field", { colour: "red" }, ["colour"]],
    ["several at once", { price: "-5", stock: "x", sku: "" }, ["sku", "price", "stock"]],
  ])("rejects %s naming the field", (_name, patch, fields) => {
    const r = parseCatalogRow({ ...good, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(fields);
  });

  it.each<[string, unknown, string[]]>([
    ["not a list", "B-1", ["variants"]],
    [
      "bad variant",
      [{ sku: "", options: [], price: "x", stock: -1 }],
      ["variants[0].sku", "variants[0].price", "variants[0].stock", "variants[0].options"],
    ],
    [
      "duplicate variant sku",
      [
        { sku: "V", options: {}, price: "1", stock: 1 },
        { sku: "V", options: {}, price: "1", stock: 1 },
      ],
      ["variants[1].sku"],
    ],
    [
      "variant sku equals product sku",
      [{ sku: "KAOS-001", options: {}, price: "1", stock: 1 }],
      ["variants[0].sku"],
    ],
    [
      "unknown variant field",
      [{ sku: "V", options: {}, price: "1", stock: 1, colour: "x" }],
      ["variants[0].colour"],
    ],
    [
      "bad variant image",
      [{ sku: "V", options: {}, price: "1", stock: 1, image: "x" }],
      ["variants[0].image"],
    ],
  ])("rejects variants: %s", (_name, variants, fields) => {
    const r = parseCatalogRow({ ...good, variants });
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(fields);
  });
});
