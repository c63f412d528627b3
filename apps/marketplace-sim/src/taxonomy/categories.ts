import { ATTRIBUTES as A } from "./attributes";
import { BRANDS } from "./brands";
import type { ItemLimits, LeafRules, TaxonomyCategory } from "./types";

/**
 * Shopee's limits for the Indonesian market as the simulator reports them in `get_item_limit`: the
 * names, description and stock ranges SyncStore's rules already use, prices in rupiah.
 */
const LIMITS: ItemLimits = {
  price: { min: 100, max: 1_000_000_000 },
  stock: { min: 0, max: 999_999 },
  itemName: { min: 5, max: 100 },
  description: { min: 20, max: 3000 },
  images: { min: 1, max: 9 },
  tierNameMax: 20,
  optionNameMax: 30,
  itemCountMax: 10_000,
};

/** Shopee ids are 100000 + code, TikTok ids 600000 + code; the codes are fixed. */
function node(code: number, key: string, name: string, parentKey: string | null): TaxonomyCategory {
  return { key, shopeeId: 100_000 + code, tiktokId: String(600_000 + code), name, parentKey, leaf: null };
}

function leaf(
  code: number,
  key: string,
  name: string,
  parentKey: string,
  rules: Omit<LeafRules, "limits" | "brandMandatory" | "sizeChartRequired"> &
    Partial<Pick<LeafRules, "limits" | "brandMandatory" | "sizeChartRequired">>,
): TaxonomyCategory {
  return {
    ...node(code, key, name, parentKey),
    leaf: { brandMandatory: false, sizeChartRequired: false, limits: LIMITS, ...rules },
  };
}

/**
 * Three levels: a root per department, a group, and the leaves listings go in. Thirteen leaves cover
 * the eight master categories of the demo catalog; `demoCategories` names the intended mapping.
 * Kaos Pria demands a size chart, Powerbank a brand from its list.
 */
export const CATEGORIES: readonly TaxonomyCategory[] = [
  node(10, "pakaian-pria", "Pakaian Pria", null),
  node(11, "atasan-pria", "Atasan Pria", "pakaian-pria"),
  leaf(12, "kaos-pria", "Kaos Pria", "atasan-pria", {
    attributes: [A.bahanPakaian, A.negaraAsal],
    brands: BRANDS.fashion,
    sizeChartRequired: true,
    demoCategories: ["Fashion"],
  }),
  node(20, "pakaian-wanita", "Pakaian Wanita", null),
  node(21, "atasan-wanita", "Atasan Wanita", "pakaian-wanita"),
  leaf(22, "blouse", "Blouse", "atasan-wanita", {
    attributes: [A.bahanPakaian, A.negaraAsal],
    brands: BRANDS.fashion,
    demoCategories: [],
  }),
  node(100, "kecantikan", "Perawatan & Kecantikan", null),
  node(101, "perawatan-wajah", "Perawatan Wajah", "kecantikan"),
  leaf(102, "serum-wajah", "Serum Wajah", "perawatan-wajah", {
    attributes: [A.kandungan, A.bpom, A.volume],
    brands: BRANDS.beauty,
    demoCategories: ["Beauty"],
  }),
  node(103, "makeup", "Makeup", "kecantikan"),
  leaf(104, "lipstik", "Lipstik", "makeup", {
    attributes: [A.kandungan, A.bpom],
    brands: BRANDS.beauty,
    demoCategories: [],
  }),
  node(200, "handphone", "Handphone & Aksesoris", null),
  node(201, "aksesoris-handphone", "Aksesoris Handphone", "handphone"),
  leaf(202, "powerbank", "Powerbank", "aksesoris-handphone", {
    attributes: [A.bahanElektronik, A.kapasitasBaterai, A.garansi],
    brands: BRANDS.electronics,
    brandMandatory: true,
    demoCategories: ["Electronics"],
  }),
  node(300, "rumah", "Perlengkapan Rumah", null),
  node(301, "dapur", "Dapur", "rumah"),
  leaf(302, "peralatan-masak", "Peralatan Masak", "dapur", {
    attributes: [A.bahanRumah, A.negaraAsal, A.garansi],
    brands: BRANDS.home,
    demoCategories: ["Home & Living"],
  }),
  node(303, "dekorasi", "Dekorasi", "rumah"),
  leaf(304, "lampu", "Lampu", "dekorasi", {
    attributes: [A.bahanRumah, A.garansi],
    brands: BRANDS.home,
    demoCategories: [],
  }),
  node(400, "olahraga", "Olahraga & Outdoor", null),
  node(401, "sepatu-olahraga", "Sepatu Olahraga", "olahraga"),
  leaf(402, "sepatu-lari", "Sepatu Lari", "sepatu-olahraga", {
    attributes: [A.bahanOlahraga, A.negaraAsal],
    brands: BRANDS.sports,
    demoCategories: ["Sports"],
  }),
  node(403, "fitness", "Fitness", "olahraga"),
  leaf(404, "matras-yoga", "Matras Yoga", "fitness", {
    attributes: [A.bahanOlahraga],
    brands: BRANDS.sports,
    demoCategories: [],
  }),
  node(500, "ibu-bayi", "Ibu & Bayi", null),
  node(501, "perlengkapan-makan-bayi", "Perlengkapan Makan Bayi", "ibu-bayi"),
  leaf(502, "botol-susu", "Botol Susu", "perlengkapan-makan-bayi", {
    attributes: [A.bahanBayi, A.usiaBayi],
    brands: BRANDS.baby,
    demoCategories: ["Ibu & Bayi"],
  }),
  node(600, "makanan-minuman", "Makanan & Minuman", null),
  node(601, "minuman", "Minuman", "makanan-minuman"),
  leaf(602, "kopi", "Kopi", "minuman", {
    attributes: [A.kemasan, A.beratBersih, A.masaSimpan, A.pirt],
    brands: BRANDS.food,
    demoCategories: ["Makanan & Minuman"],
  }),
  node(603, "makanan-ringan", "Makanan Ringan", "makanan-minuman"),
  leaf(604, "keripik", "Keripik", "makanan-ringan", {
    attributes: [A.kemasan, A.beratBersih, A.masaSimpan],
    brands: BRANDS.food,
    demoCategories: [],
  }),
  node(700, "otomotif", "Otomotif", null),
  node(701, "aksesoris-motor", "Aksesoris Motor", "otomotif"),
  leaf(702, "helm", "Helm", "aksesoris-motor", {
    attributes: [A.bahanOtomotif, A.kendaraan],
    brands: BRANDS.automotive,
    demoCategories: ["Otomotif"],
  }),
];
