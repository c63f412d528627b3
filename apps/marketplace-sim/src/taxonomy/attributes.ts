import type { TaxonomyAttribute } from "./types";

/**
 * Value ids are derived from the attribute id and the value's position (Shopee `attribute_id × 100 +
 * n`, TikTok likewise), so appending a value never renumbers the others.
 */
function list(
  shopeeId: number,
  tiktokId: number,
  name: string,
  required: boolean,
  values: readonly string[],
  custom = false,
): TaxonomyAttribute {
  return {
    shopeeId,
    tiktokId: String(tiktokId),
    name,
    required,
    input: {
      kind: "list",
      custom,
      values: values.map((v, i) => ({
        shopeeId: shopeeId * 100 + i + 1,
        tiktokId: String(tiktokId * 100 + i + 1),
        name: v,
      })),
    },
  };
}

function text(shopeeId: number, tiktokId: number, name: string, required: boolean): TaxonomyAttribute {
  return { shopeeId, tiktokId: String(tiktokId), name, required, input: { kind: "text" } };
}

function number(
  shopeeId: number,
  tiktokId: number,
  name: string,
  required: boolean,
  units: readonly string[],
): TaxonomyAttribute {
  return { shopeeId, tiktokId: String(tiktokId), name, required, input: { kind: "number", units } };
}

/** The required list attribute of each family covers every material of the demo vocabulary. */
export const ATTRIBUTES = {
  bahanPakaian: list(100134, 100392, "Bahan", true, [
    "Katun Combed 30s",
    "Cotton Fleece",
    "Rayon",
    "Linen",
    "Denim",
    "Polyester",
    "Wolfis",
    "Twill",
  ]),
  kandungan: list(100470, 100510, "Kandungan Utama", true, [
    "Niacinamide 10%",
    "Ceramide",
    "Hyaluronic Acid",
    "Centella Asiatica",
    "Vitamin C",
    "Retinol",
    "Aloe Vera",
  ]),
  bahanElektronik: list(100135, 100393, "Bahan", true, ["ABS", "Aluminium", "Silicone", "Nylon Braided"]),
  bahanRumah: list(100136, 100394, "Bahan", true, [
    "Plastik PP",
    "Stainless Steel",
    "Kayu Jati",
    "Katun Jepang",
    "Microfiber",
    "Kaca Tempered",
  ]),
  bahanOlahraga: list(100137, 100395, "Bahan", true, [
    "Mesh",
    "TPE",
    "Neoprene",
    "Polyester Dri-Fit",
    "Carbon",
    "Karet",
  ]),
  bahanBayi: list(100138, 100396, "Bahan", true, [
    "Silikon Food Grade",
    "Katun Bambu",
    "Polypropylene",
    "Muslin",
  ]),
  kemasan: list(100520, 100560, "Jenis Kemasan", true, [
    "Kemasan Pouch",
    "Kemasan Botol",
    "Kemasan Kaleng",
    "Kemasan Toples",
  ]),
  bahanOtomotif: list(100139, 100397, "Bahan", true, ["Synthetic", "Karet", "Kulit Sintetis", "ABS", "Baja"]),
  /** A combo box: listed values or the seller's own. */
  negaraAsal: list(100037, 100198, "Negara Asal", false, ["Indonesia", "China", "Korea", "Jepang"], true),
  garansi: list(100235, 100207, "Masa Garansi", false, [
    "Tidak ada",
    "Garansi Toko 1 Bulan",
    "Garansi Distributor 6 Bulan",
    "Garansi Resmi 1 Tahun",
  ]),
  bpom: text(100999, 100601, "Nomor BPOM", false),
  pirt: text(101000, 100602, "Nomor PIRT/BPOM", false),
  volume: number(100401, 100701, "Volume", false, ["ml", "l"]),
  beratBersih: number(100402, 100702, "Berat Bersih", false, ["g", "kg"]),
  kapasitasBaterai: number(100403, 100703, "Kapasitas Baterai", false, ["mAh"]),
  masaSimpan: list(100530, 100570, "Masa Penyimpanan", false, ["6 bulan", "12 bulan", "18 bulan"]),
  usiaBayi: list(100540, 100580, "Usia", false, ["0-6 bulan", "6-12 bulan", "1-3 tahun"]),
  kendaraan: list(100550, 100590, "Jenis Kendaraan", false, ["Motor", "Mobil", "Universal"]),
} as const satisfies Record<string, TaxonomyAttribute>;
