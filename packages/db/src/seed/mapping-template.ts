import type {
  AttributeValueKind,
  MarketplaceAttributeValue,
  Platform,
  ShippingProfile,
  SizeChart,
} from "@syncstore/core";

/*
 * The demo shops' ready-made mapping template (as Jubelio ships one per marketplace): the demo
 * catalog's master categories onto the simulators' seeded Indonesian taxonomy. Every id below is the
 * simulator's (apps/marketplace-sim/src/taxonomy: Shopee categories 100000 + code, TikTok Shop
 * 600000 + code, list values attribute id × 100 + position); an integration test reads each one back
 * from the running simulators and checks it exists and is a leaf. Live shops map their own.
 *
 * "Aksesoris Fashion" is deliberately absent: its products are VALIDATION failures on `category_id`.
 */

type PerPlatform<T> = Record<Platform, T>;

export interface TemplateAttribute {
  ids: PerPlatform<string>;
  name: string;
  required: boolean;
  kind: AttributeValueKind;
  masterAttribute: string;
  valueMap?: PerPlatform<Record<string, MarketplaceAttributeValue>>;
  unit?: string;
}

export interface TemplateCategory {
  masterCategory: string;
  categoryIds: PerPlatform<string>;
  brandRequired: boolean;
  sizeChartRequired: boolean;
  sizeChart?: SizeChart;
  attributes: TemplateAttribute[];
}

export const DEMO_CATEGORY_TEMPLATE: readonly TemplateCategory[] = [
  {
    masterCategory: "Fashion",
    /** Simulator leaf `kaos-pria`. */
    categoryIds: { SHOPEE: "100012", TIKTOK_SHOP: "600012" },
    brandRequired: false,
    sizeChartRequired: true,
    // Uploaded like the product images (TikTok Shop SIZE_CHART_IMAGE, Shopee size_chart image).
    sizeChart: { imageUrl: "/media/demo/fashion-1.png" },
    attributes: [
      {
        ids: { SHOPEE: "100134", TIKTOK_SHOP: "100392" },
        name: "Bahan",
        required: true,
        kind: "LIST",
        masterAttribute: "Material",
        valueMap: {
          SHOPEE: {
            "Katun Combed 30s": { id: "10013401", name: "Katun Combed 30s" },
            "Cotton Fleece": { id: "10013402", name: "Cotton Fleece" },
            Rayon: { id: "10013403", name: "Rayon" },
            Linen: { id: "10013404", name: "Linen" },
            Denim: { id: "10013405", name: "Denim" },
            Polyester: { id: "10013406", name: "Polyester" },
            Wolfis: { id: "10013407", name: "Wolfis" },
            Twill: { id: "10013408", name: "Twill" },
          },
          TIKTOK_SHOP: {
            "Katun Combed 30s": { id: "10039201", name: "Katun Combed 30s" },
            "Cotton Fleece": { id: "10039202", name: "Cotton Fleece" },
            Rayon: { id: "10039203", name: "Rayon" },
            Linen: { id: "10039204", name: "Linen" },
            Denim: { id: "10039205", name: "Denim" },
            Polyester: { id: "10039206", name: "Polyester" },
            Wolfis: { id: "10039207", name: "Wolfis" },
            Twill: { id: "10039208", name: "Twill" },
          },
        },
      },
      {
        ids: { SHOPEE: "100037", TIKTOK_SHOP: "100198" },
        name: "Negara Asal",
        required: false,
        kind: "LIST",
        masterAttribute: "Origin",
        valueMap: {
          SHOPEE: {
            Indonesia: { id: "10003701", name: "Indonesia" },
            China: { id: "10003702", name: "China" },
            Korea: { id: "10003703", name: "Korea" },
            Jepang: { id: "10003704", name: "Jepang" },
            Bandung: { id: "10003701", name: "Indonesia" },
            Jakarta: { id: "10003701", name: "Indonesia" },
          },
          TIKTOK_SHOP: {
            Indonesia: { id: "10019801", name: "Indonesia" },
            China: { id: "10019802", name: "China" },
            Korea: { id: "10019803", name: "Korea" },
            Jepang: { id: "10019804", name: "Jepang" },
            Bandung: { id: "10019801", name: "Indonesia" },
            Jakarta: { id: "10019801", name: "Indonesia" },
          },
        },
      },
    ],
  },
  {
    masterCategory: "Beauty",
    /** Simulator leaf `serum-wajah`. */
    categoryIds: { SHOPEE: "100102", TIKTOK_SHOP: "600102" },
    brandRequired: false,
    sizeChartRequired: false,
    attributes: [
      {
        ids: { SHOPEE: "100470", TIKTOK_SHOP: "100510" },
        name: "Kandungan Utama",
        required: true,
        kind: "LIST",
        masterAttribute: "Material",
        valueMap: {
          SHOPEE: {
            "Niacinamide 10%": { id: "10047001", name: "Niacinamide 10%" },
            Ceramide: { id: "10047002", name: "Ceramide" },
            "Hyaluronic Acid": { id: "10047003", name: "Hyaluronic Acid" },
            "Centella Asiatica": { id: "10047004", name: "Centella Asiatica" },
            "Vitamin C": { id: "10047005", name: "Vitamin C" },
            Retinol: { id: "10047006", name: "Retinol" },
            "Aloe Vera": { id: "10047007", name: "Aloe Vera" },
          },
          TIKTOK_SHOP: {
            "Niacinamide 10%": { id: "10051001", name: "Niacinamide 10%" },
            Ceramide: { id: "10051002", name: "Ceramide" },
            "Hyaluronic Acid": { id: "10051003", name: "Hyaluronic Acid" },
            "Centella Asiatica": { id: "10051004", name: "Centella Asiatica" },
            "Vitamin C": { id: "10051005", name: "Vitamin C" },
            Retinol: { id: "10051006", name: "Retinol" },
            "Aloe Vera": { id: "10051007", name: "Aloe Vera" },
          },
        },
      },
      {
        ids: { SHOPEE: "100999", TIKTOK_SHOP: "100601" },
        name: "Nomor BPOM",
        required: false,
        kind: "TEXT",
        masterAttribute: "BPOM",
      },
      {
        ids: { SHOPEE: "100401", TIKTOK_SHOP: "100701" },
        name: "Volume",
        required: false,
        kind: "NUMBER",
        masterAttribute: "Volume",
        unit: "ml",
      },
    ],
  },
  {
    masterCategory: "Electronics",
    /** Simulator leaf `powerbank`. */
    categoryIds: { SHOPEE: "100202", TIKTOK_SHOP: "600202" },
    brandRequired: true,
    sizeChartRequired: false,
    attributes: [
      {
        ids: { SHOPEE: "100135", TIKTOK_SHOP: "100393" },
        name: "Bahan",
        required: true,
        kind: "LIST",
        masterAttribute: "Material",
        valueMap: {
          SHOPEE: {
            ABS: { id: "10013501", name: "ABS" },
            Aluminium: { id: "10013502", name: "Aluminium" },
            Silicone: { id: "10013503", name: "Silicone" },
            "Nylon Braided": { id: "10013504", name: "Nylon Braided" },
          },
          TIKTOK_SHOP: {
            ABS: { id: "10039301", name: "ABS" },
            Aluminium: { id: "10039302", name: "Aluminium" },
            Silicone: { id: "10039303", name: "Silicone" },
            "Nylon Braided": { id: "10039304", name: "Nylon Braided" },
          },
        },
      },
      {
        ids: { SHOPEE: "100235", TIKTOK_SHOP: "100207" },
        name: "Masa Garansi",
        required: false,
        kind: "LIST",
        masterAttribute: "Warranty",
        valueMap: {
          SHOPEE: {
            "Tidak ada": { id: "10023501", name: "Tidak ada" },
            "Garansi Toko 1 Bulan": { id: "10023502", name: "Garansi Toko 1 Bulan" },
            "Garansi Distributor 6 Bulan": { id: "10023503", name: "Garansi Distributor 6 Bulan" },
            "Garansi Resmi 1 Tahun": { id: "10023504", name: "Garansi Resmi 1 Tahun" },
          },
          TIKTOK_SHOP: {
            "Tidak ada": { id: "10020701", name: "Tidak ada" },
            "Garansi Toko 1 Bulan": { id: "10020702", name: "Garansi Toko 1 Bulan" },
            "Garansi Distributor 6 Bulan": { id: "10020703", name: "Garansi Distributor 6 Bulan" },
            "Garansi Resmi 1 Tahun": { id: "10020704", name: "Garansi Resmi 1 Tahun" },
          },
        },
      },
    ],
  },
  {
    masterCategory: "Home & Living",
    /** Simulator leaf `peralatan-masak`. */
    categoryIds: { SHOPEE: "100302", TIKTOK_SHOP: "600302" },
    brandRequired: false,
    sizeChartRequired: false,
    attributes: [
      {
        ids: { SHOPEE: "100136", TIKTOK_SHOP: "100394" },
        name: "Bahan",
        required: true,
        kind: "LIST",
        masterAttribute: "Material",
        valueMap: {
          SHOPEE: {
            "Plastik PP": { id: "10013601", name: "Plastik PP" },
            "Stainless Steel": { id: "10013602", name: "Stainless Steel" },
            "Kayu Jati": { id: "10013603", name: "Kayu Jati" },
            "Katun Jepang": { id: "10013604", name: "Katun Jepang" },
            Microfiber: { id: "10013605", name: "Microfiber" },
            "Kaca Tempered": { id: "10013606", name: "Kaca Tempered" },
          },
          TIKTOK_SHOP: {
            "Plastik PP": { id: "10039401", name: "Plastik PP" },
            "Stainless Steel": { id: "10039402", name: "Stainless Steel" },
            "Kayu Jati": { id: "10039403", name: "Kayu Jati" },
            "Katun Jepang": { id: "10039404", name: "Katun Jepang" },
            Microfiber: { id: "10039405", name: "Microfiber" },
            "Kaca Tempered": { id: "10039406", name: "Kaca Tempered" },
          },
        },
      },
      {
        ids: { SHOPEE: "100037", TIKTOK_SHOP: "100198" },
        name: "Negara Asal",
        required: false,
        kind: "LIST",
        masterAttribute: "Origin",
        valueMap: {
          SHOPEE: {
            Indonesia: { id: "10003701", name: "Indonesia" },
            China: { id: "10003702", name: "China" },
            Korea: { id: "10003703", name: "Korea" },
            Jepang: { id: "10003704", name: "Jepang" },
          },
          TIKTOK_SHOP: {
            Indonesia: { id: "10019801", name: "Indonesia" },
            China: { id: "10019802", name: "China" },
            Korea: { id: "10019803", name: "Korea" },
            Jepang: { id: "10019804", name: "Jepang" },
          },
        },
      },
      {
        ids: { SHOPEE: "100235", TIKTOK_SHOP: "100207" },
        name: "Masa Garansi",
        required: false,
        kind: "LIST",
        masterAttribute: "Garansi",
        valueMap: {
          SHOPEE: {
            "Tidak ada": { id: "10023501", name: "Tidak ada" },
            "Garansi Toko 1 Bulan": { id: "10023502", name: "Garansi Toko 1 Bulan" },
            "Garansi Distributor 6 Bulan": { id: "10023503", name: "Garansi Distributor 6 Bulan" },
            "Garansi Resmi 1 Tahun": { id: "10023504", name: "Garansi Resmi 1 Tahun" },
            "Garansi 1 Tahun": { id: "10023504", name: "Garansi Resmi 1 Tahun" },
          },
          TIKTOK_SHOP: {
            "Tidak ada": { id: "10020701", name: "Tidak ada" },
            "Garansi Toko 1 Bulan": { id: "10020702", name: "Garansi Toko 1 Bulan" },
            "Garansi Distributor 6 Bulan": { id: "10020703", name: "Garansi Distributor 6 Bulan" },
            "Garansi Resmi 1 Tahun": { id: "10020704", name: "Garansi Resmi 1 Tahun" },
            "Garansi 1 Tahun": { id: "10020704", name: "Garansi Resmi 1 Tahun" },
          },
        },
      },
    ],
  },
  {
    masterCategory: "Sports",
    /** Simulator leaf `sepatu-lari`. */
    categoryIds: { SHOPEE: "100402", TIKTOK_SHOP: "600402" },
    brandRequired: false,
    sizeChartRequired: false,
    attributes: [
      {
        ids: { SHOPEE: "100137", TIKTOK_SHOP: "100395" },
        name: "Bahan",
        required: true,
        kind: "LIST",
        masterAttribute: "Material",
        valueMap: {
          SHOPEE: {
            Mesh: { id: "10013701", name: "Mesh" },
            TPE: { id: "10013702", name: "TPE" },
            Neoprene: { id: "10013703", name: "Neoprene" },
            "Polyester Dri-Fit": { id: "10013704", name: "Polyester Dri-Fit" },
            Carbon: { id: "10013705", name: "Carbon" },
            Karet: { id: "10013706", name: "Karet" },
          },
          TIKTOK_SHOP: {
            Mesh: { id: "10039501", name: "Mesh" },
            TPE: { id: "10039502", name: "TPE" },
            Neoprene: { id: "10039503", name: "Neoprene" },
            "Polyester Dri-Fit": { id: "10039504", name: "Polyester Dri-Fit" },
            Carbon: { id: "10039505", name: "Carbon" },
            Karet: { id: "10039506", name: "Karet" },
          },
        },
      },
    ],
  },
  {
    masterCategory: "Ibu & Bayi",
    /** Simulator leaf `botol-susu`. */
    categoryIds: { SHOPEE: "100502", TIKTOK_SHOP: "600502" },
    brandRequired: false,
    sizeChartRequired: false,
    attributes: [
      {
        ids: { SHOPEE: "100138", TIKTOK_SHOP: "100396" },
        name: "Bahan",
        required: true,
        kind: "LIST",
        masterAttribute: "Material",
        valueMap: {
          SHOPEE: {
            "Silikon Food Grade": { id: "10013801", name: "Silikon Food Grade" },
            "Katun Bambu": { id: "10013802", name: "Katun Bambu" },
            Polypropylene: { id: "10013803", name: "Polypropylene" },
            Muslin: { id: "10013804", name: "Muslin" },
          },
          TIKTOK_SHOP: {
            "Silikon Food Grade": { id: "10039601", name: "Silikon Food Grade" },
            "Katun Bambu": { id: "10039602", name: "Katun Bambu" },
            Polypropylene: { id: "10039603", name: "Polypropylene" },
            Muslin: { id: "10039604", name: "Muslin" },
          },
        },
      },
      {
        ids: { SHOPEE: "100540", TIKTOK_SHOP: "100580" },
        name: "Usia",
        required: false,
        kind: "LIST",
        masterAttribute: "Age",
        valueMap: {
          SHOPEE: {
            "0-6 bulan": { id: "10054001", name: "0-6 bulan" },
            "6-12 bulan": { id: "10054002", name: "6-12 bulan" },
            "1-3 tahun": { id: "10054003", name: "1-3 tahun" },
          },
          TIKTOK_SHOP: {
            "0-6 bulan": { id: "10058001", name: "0-6 bulan" },
            "6-12 bulan": { id: "10058002", name: "6-12 bulan" },
            "1-3 tahun": { id: "10058003", name: "1-3 tahun" },
          },
        },
      },
    ],
  },
  {
    masterCategory: "Makanan & Minuman",
    /** Simulator leaf `kopi`. */
    categoryIds: { SHOPEE: "100602", TIKTOK_SHOP: "600602" },
    brandRequired: false,
    sizeChartRequired: false,
    attributes: [
      {
        ids: { SHOPEE: "100520", TIKTOK_SHOP: "100560" },
        name: "Jenis Kemasan",
        required: true,
        kind: "LIST",
        masterAttribute: "Material",
        valueMap: {
          SHOPEE: {
            "Kemasan Pouch": { id: "10052001", name: "Kemasan Pouch" },
            "Kemasan Botol": { id: "10052002", name: "Kemasan Botol" },
            "Kemasan Kaleng": { id: "10052003", name: "Kemasan Kaleng" },
            "Kemasan Toples": { id: "10052004", name: "Kemasan Toples" },
          },
          TIKTOK_SHOP: {
            "Kemasan Pouch": { id: "10056001", name: "Kemasan Pouch" },
            "Kemasan Botol": { id: "10056002", name: "Kemasan Botol" },
            "Kemasan Kaleng": { id: "10056003", name: "Kemasan Kaleng" },
            "Kemasan Toples": { id: "10056004", name: "Kemasan Toples" },
          },
        },
      },
      {
        ids: { SHOPEE: "100402", TIKTOK_SHOP: "100702" },
        name: "Berat Bersih",
        required: false,
        kind: "NUMBER",
        masterAttribute: "Net Weight",
        unit: "g",
      },
      {
        ids: { SHOPEE: "100530", TIKTOK_SHOP: "100570" },
        name: "Masa Penyimpanan",
        required: false,
        kind: "LIST",
        masterAttribute: "Expiry",
        valueMap: {
          SHOPEE: {
            "6 bulan": { id: "10053001", name: "6 bulan" },
            "12 bulan": { id: "10053002", name: "12 bulan" },
            "18 bulan": { id: "10053003", name: "18 bulan" },
          },
          TIKTOK_SHOP: {
            "6 bulan": { id: "10057001", name: "6 bulan" },
            "12 bulan": { id: "10057002", name: "12 bulan" },
            "18 bulan": { id: "10057003", name: "18 bulan" },
          },
        },
      },
      {
        ids: { SHOPEE: "101000", TIKTOK_SHOP: "100602" },
        name: "Nomor PIRT/BPOM",
        required: false,
        kind: "TEXT",
        masterAttribute: "PIRT/BPOM",
      },
    ],
  },
  {
    masterCategory: "Otomotif",
    /** Simulator leaf `helm`. */
    categoryIds: { SHOPEE: "100702", TIKTOK_SHOP: "600702" },
    brandRequired: false,
    sizeChartRequired: false,
    attributes: [
      {
        ids: { SHOPEE: "100139", TIKTOK_SHOP: "100397" },
        name: "Bahan",
        required: true,
        kind: "LIST",
        masterAttribute: "Material",
        valueMap: {
          SHOPEE: {
            Synthetic: { id: "10013901", name: "Synthetic" },
            Karet: { id: "10013902", name: "Karet" },
            "Kulit Sintetis": { id: "10013903", name: "Kulit Sintetis" },
            ABS: { id: "10013904", name: "ABS" },
            Baja: { id: "10013905", name: "Baja" },
          },
          TIKTOK_SHOP: {
            Synthetic: { id: "10039701", name: "Synthetic" },
            Karet: { id: "10039702", name: "Karet" },
            "Kulit Sintetis": { id: "10039703", name: "Kulit Sintetis" },
            ABS: { id: "10039704", name: "ABS" },
            Baja: { id: "10039705", name: "Baja" },
          },
        },
      },
      {
        ids: { SHOPEE: "100550", TIKTOK_SHOP: "100590" },
        name: "Jenis Kendaraan",
        required: false,
        kind: "LIST",
        masterAttribute: "Vehicle",
        valueMap: {
          SHOPEE: {
            Motor: { id: "10055001", name: "Motor" },
            Mobil: { id: "10055002", name: "Mobil" },
            Universal: { id: "10055003", name: "Universal" },
          },
          TIKTOK_SHOP: {
            Motor: { id: "10059001", name: "Motor" },
            Mobil: { id: "10059002", name: "Mobil" },
            Universal: { id: "10059003", name: "Universal" },
          },
        },
      },
    ],
  },
];

/** Every demo brand has the same name on both platforms' brand lists. */
export const DEMO_BRAND_TEMPLATE: readonly { masterBrand: string; ids: PerPlatform<string> }[] = [
  { masterBrand: "Erigo", ids: { SHOPEE: "1146001", TIKTOK_SHOP: "7082427311584300001" } },
  { masterBrand: "Roughneck 1991", ids: { SHOPEE: "1146002", TIKTOK_SHOP: "7082427311584300002" } },
  { masterBrand: "Thanksinsomnia", ids: { SHOPEE: "1146003", TIKTOK_SHOP: "7082427311584300003" } },
  { masterBrand: "Cottonink", ids: { SHOPEE: "1146004", TIKTOK_SHOP: "7082427311584300004" } },
  { masterBrand: "Executive", ids: { SHOPEE: "1146005", TIKTOK_SHOP: "7082427311584300005" } },
  { masterBrand: "3Second", ids: { SHOPEE: "1146006", TIKTOK_SHOP: "7082427311584300006" } },
  { masterBrand: "Greenlight", ids: { SHOPEE: "1146007", TIKTOK_SHOP: "7082427311584300007" } },
  { masterBrand: "Hammer", ids: { SHOPEE: "1146008", TIKTOK_SHOP: "7082427311584300008" } },
  { masterBrand: "Wearthelight", ids: { SHOPEE: "1146009", TIKTOK_SHOP: "7082427311584300009" } },
  { masterBrand: "Minimal", ids: { SHOPEE: "1146010", TIKTOK_SHOP: "7082427311584300010" } },
  { masterBrand: "Wardah", ids: { SHOPEE: "1146101", TIKTOK_SHOP: "7082427311584300101" } },
  { masterBrand: "Emina", ids: { SHOPEE: "1146102", TIKTOK_SHOP: "7082427311584300102" } },
  { masterBrand: "Make Over", ids: { SHOPEE: "1146103", TIKTOK_SHOP: "7082427311584300103" } },
  { masterBrand: "Somethinc", ids: { SHOPEE: "1146104", TIKTOK_SHOP: "7082427311584300104" } },
  { masterBrand: "Scarlett Whitening", ids: { SHOPEE: "1146105", TIKTOK_SHOP: "7082427311584300105" } },
  { masterBrand: "Avoskin", ids: { SHOPEE: "1146106", TIKTOK_SHOP: "7082427311584300106" } },
  { masterBrand: "Azarine", ids: { SHOPEE: "1146107", TIKTOK_SHOP: "7082427311584300107" } },
  { masterBrand: "Skintific", ids: { SHOPEE: "1146108", TIKTOK_SHOP: "7082427311584300108" } },
  { masterBrand: "Madame Gie", ids: { SHOPEE: "1146109", TIKTOK_SHOP: "7082427311584300109" } },
  { masterBrand: "Pixy", ids: { SHOPEE: "1146110", TIKTOK_SHOP: "7082427311584300110" } },
  { masterBrand: "Xiaomi", ids: { SHOPEE: "1146201", TIKTOK_SHOP: "7082427311584300201" } },
  { masterBrand: "Samsung", ids: { SHOPEE: "1146202", TIKTOK_SHOP: "7082427311584300202" } },
  { masterBrand: "Anker", ids: { SHOPEE: "1146203", TIKTOK_SHOP: "7082427311584300203" } },
  { masterBrand: "Baseus", ids: { SHOPEE: "1146204", TIKTOK_SHOP: "7082427311584300204" } },
  { masterBrand: "Robot", ids: { SHOPEE: "1146205", TIKTOK_SHOP: "7082427311584300205" } },
  { masterBrand: "Vivan", ids: { SHOPEE: "1146206", TIKTOK_SHOP: "7082427311584300206" } },
  { masterBrand: "JBL", ids: { SHOPEE: "1146207", TIKTOK_SHOP: "7082427311584300207" } },
  { masterBrand: "Logitech", ids: { SHOPEE: "1146208", TIKTOK_SHOP: "7082427311584300208" } },
  { masterBrand: "Ugreen", ids: { SHOPEE: "1146209", TIKTOK_SHOP: "7082427311584300209" } },
  { masterBrand: "Realme", ids: { SHOPEE: "1146210", TIKTOK_SHOP: "7082427311584300210" } },
  { masterBrand: "Informa", ids: { SHOPEE: "1146301", TIKTOK_SHOP: "7082427311584300301" } },
  { masterBrand: "Lock&Lock", ids: { SHOPEE: "1146302", TIKTOK_SHOP: "7082427311584300302" } },
  { masterBrand: "Maspion", ids: { SHOPEE: "1146303", TIKTOK_SHOP: "7082427311584300303" } },
  { masterBrand: "Miyako", ids: { SHOPEE: "1146304", TIKTOK_SHOP: "7082427311584300304" } },
  { masterBrand: "Cosmos", ids: { SHOPEE: "1146305", TIKTOK_SHOP: "7082427311584300305" } },
  { masterBrand: "Krisbow", ids: { SHOPEE: "1146306", TIKTOK_SHOP: "7082427311584300306" } },
  { masterBrand: "Claris", ids: { SHOPEE: "1146307", TIKTOK_SHOP: "7082427311584300307" } },
  { masterBrand: "Olymplast", ids: { SHOPEE: "1146308", TIKTOK_SHOP: "7082427311584300308" } },
  { masterBrand: "Lion Star", ids: { SHOPEE: "1146309", TIKTOK_SHOP: "7082427311584300309" } },
  { masterBrand: "Ataru", ids: { SHOPEE: "1146310", TIKTOK_SHOP: "7082427311584300310" } },
  { masterBrand: "Specs", ids: { SHOPEE: "1146401", TIKTOK_SHOP: "7082427311584300401" } },
  { masterBrand: "Ortuseight", ids: { SHOPEE: "1146402", TIKTOK_SHOP: "7082427311584300402" } },
  { masterBrand: "Mills", ids: { SHOPEE: "1146403", TIKTOK_SHOP: "7082427311584300403" } },
  { masterBrand: "Eiger", ids: { SHOPEE: "1146404", TIKTOK_SHOP: "7082427311584300404" } },
  { masterBrand: "Consina", ids: { SHOPEE: "1146405", TIKTOK_SHOP: "7082427311584300405" } },
  { masterBrand: "Kettler", ids: { SHOPEE: "1146406", TIKTOK_SHOP: "7082427311584300406" } },
  { masterBrand: "Li-Ning", ids: { SHOPEE: "1146407", TIKTOK_SHOP: "7082427311584300407" } },
  { masterBrand: "Yonex", ids: { SHOPEE: "1146408", TIKTOK_SHOP: "7082427311584300408" } },
  { masterBrand: "Diadora", ids: { SHOPEE: "1146409", TIKTOK_SHOP: "7082427311584300409" } },
  { masterBrand: "League", ids: { SHOPEE: "1146410", TIKTOK_SHOP: "7082427311584300410" } },
  { masterBrand: "Pigeon", ids: { SHOPEE: "1146501", TIKTOK_SHOP: "7082427311584300501" } },
  { masterBrand: "MamyPoko", ids: { SHOPEE: "1146502", TIKTOK_SHOP: "7082427311584300502" } },
  { masterBrand: "Sweety", ids: { SHOPEE: "1146503", TIKTOK_SHOP: "7082427311584300503" } },
  { masterBrand: "Zwitsal", ids: { SHOPEE: "1146504", TIKTOK_SHOP: "7082427311584300504" } },
  { masterBrand: "Cussons Baby", ids: { SHOPEE: "1146505", TIKTOK_SHOP: "7082427311584300505" } },
  { masterBrand: "Dr. Brown's", ids: { SHOPEE: "1146506", TIKTOK_SHOP: "7082427311584300506" } },
  { masterBrand: "Baby Safe", ids: { SHOPEE: "1146507", TIKTOK_SHOP: "7082427311584300507" } },
  { masterBrand: "Chicco", ids: { SHOPEE: "1146508", TIKTOK_SHOP: "7082427311584300508" } },
  { masterBrand: "My Baby", ids: { SHOPEE: "1146509", TIKTOK_SHOP: "7082427311584300509" } },
  { masterBrand: "Lusty Bunny", ids: { SHOPEE: "1146510", TIKTOK_SHOP: "7082427311584300510" } },
  { masterBrand: "Kapal Api", ids: { SHOPEE: "1146601", TIKTOK_SHOP: "7082427311584300601" } },
  { masterBrand: "ABC", ids: { SHOPEE: "1146602", TIKTOK_SHOP: "7082427311584300602" } },
  { masterBrand: "Sariwangi", ids: { SHOPEE: "1146603", TIKTOK_SHOP: "7082427311584300603" } },
  { masterBrand: "Chitato", ids: { SHOPEE: "1146604", TIKTOK_SHOP: "7082427311584300604" } },
  { masterBrand: "Tolak Angin", ids: { SHOPEE: "1146605", TIKTOK_SHOP: "7082427311584300605" } },
  { masterBrand: "Nutrisari", ids: { SHOPEE: "1146606", TIKTOK_SHOP: "7082427311584300606" } },
  { masterBrand: "Good Day", ids: { SHOPEE: "1146607", TIKTOK_SHOP: "7082427311584300607" } },
  { masterBrand: "Ultra Milk", ids: { SHOPEE: "1146608", TIKTOK_SHOP: "7082427311584300608" } },
  { masterBrand: "Maicih", ids: { SHOPEE: "1146609", TIKTOK_SHOP: "7082427311584300609" } },
  { masterBrand: "Madu TJ", ids: { SHOPEE: "1146610", TIKTOK_SHOP: "7082427311584300610" } },
  { masterBrand: "Shell", ids: { SHOPEE: "1146701", TIKTOK_SHOP: "7082427311584300701" } },
  { masterBrand: "Federal", ids: { SHOPEE: "1146702", TIKTOK_SHOP: "7082427311584300702" } },
  { masterBrand: "Aspira", ids: { SHOPEE: "1146703", TIKTOK_SHOP: "7082427311584300703" } },
  { masterBrand: "Michelin", ids: { SHOPEE: "1146704", TIKTOK_SHOP: "7082427311584300704" } },
  { masterBrand: "Bosch", ids: { SHOPEE: "1146705", TIKTOK_SHOP: "7082427311584300705" } },
  { masterBrand: "Yamalube", ids: { SHOPEE: "1146706", TIKTOK_SHOP: "7082427311584300706" } },
  { masterBrand: "Castrol", ids: { SHOPEE: "1146707", TIKTOK_SHOP: "7082427311584300707" } },
  { masterBrand: "Kenwood", ids: { SHOPEE: "1146708", TIKTOK_SHOP: "7082427311584300708" } },
  { masterBrand: "Autoglym", ids: { SHOPEE: "1146709", TIKTOK_SHOP: "7082427311584300709" } },
  { masterBrand: "Meguiar's", ids: { SHOPEE: "1146710", TIKTOK_SHOP: "7082427311584300710" } },
];

/**
 * SiCepat REG takes up to 50 kg (the heaviest demo product is 10.5 kg); the default Jakarta warehouse
 * ships TikTok Shop orders.
 */
export const DEMO_SHIPPING_TEMPLATE: PerPlatform<ShippingProfile> = {
  SHOPEE: { platform: "SHOPEE", logistics: [{ logisticId: 8005, maxWeightKg: 50 }] },
  TIKTOK_SHOP: { platform: "TIKTOK_SHOP", warehouseId: "7068517275539719942" },
};
