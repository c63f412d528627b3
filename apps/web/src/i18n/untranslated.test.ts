import { describe, expect, it } from "vitest";
import { PLATFORM_LABEL } from "../ui/format";
import { id } from "./id";
import { INTL_LOCALES, LANGUAGES } from "./languages";
import {
  catalogMatchers,
  dataStrings,
  intlSamples,
  intlWordsOf,
  isExplained,
  schemaEnumValues,
  unexplained,
  type Vocabulary,
} from "./untranslated";

const vocabulary = (data: Set<string> = new Set()): Vocabulary => ({
  matchers: catalogMatchers(id),
  intlWords: intlWordsOf(
    intlSamples({
      numbersLocale: INTL_LOCALES.id.numbers,
      datesLocale: INTL_LOCALES.id.dates,
      currencies: ["IDR"],
      regions: ["ID"],
    }),
  ),
  names: new Set(["SyncStore", ...Object.values(PLATFORM_LABEL), ...LANGUAGES.map((l) => l.name)]),
  data,
});

describe("what the Indonesian catalog accounts for", () => {
  const v = vocabulary(new Set(["3f2a9c1e", "Kaos Polos Katun Premium", "ELK-000123"]));

  it("reports an English string the catalog does not hold, and passes its translation", () => {
    expect(isExplained("Retry all", v)).toBe(false);
    expect(isExplained("Cancel batch", v)).toBe(false);
    expect(isExplained(id.states.tryAgain, v)).toBe(true);
    expect(isExplained(id.batch.cancel.button, v)).toBe(true);
  });

  it("fills placeholders only with what is itself accounted for", () => {
    expect(isExplained("Batch 3f2a9c1e", v)).toBe(true);
    expect(isExplained("Produk · SyncStore", v)).toBe(true);
    // The catalog's words around an English one do not make it Indonesian.
    expect(isExplained("Retry all · SyncStore", v)).toBe(false);
    expect(isExplained("Sinkronkan ke Shopee", v)).toBe(true);
    expect(isExplained("Sinkronkan ke Everywhere", v)).toBe(false);
  });

  it("takes each piece of a Trans message as a text node of its own", () => {
    const [before] = id.startBatch.pickThem.split("<goto>");
    expect(isExplained(before!, v)).toBe(true);
    expect(isExplained(id.startBatch.pickThem.replace(/^.*<goto>|<\/goto>.*$/g, ""), v)).toBe(true);
  });

  it("passes numbers, prices and dates in Indonesian and reports English formatting", () => {
    expect(isExplained("4.147", v)).toBe(true);
    const rupiah = new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR" }).format(150000);
    expect(isExplained(rupiah, v)).toBe(true);
    const date = new Intl.DateTimeFormat("id-ID", { dateStyle: "medium", timeStyle: "medium" });
    expect(isExplained(date.format(new Date(2026, 11, 4, 20, 5)), v)).toBe(true);
    expect(isExplained("Indonesia (ID)", { ...v, data: new Set(["ID"]) })).toBe(true);
    const rupiahName = new Intl.DisplayNames(["id-ID"], { type: "currency" }).of("IDR")!;
    expect(isExplained(rupiahName, v)).toBe(true);
    expect(isExplained("Indonesian Rupiah (IDR)", v)).toBe(false);
    expect(isExplained("IDR 150,000", v)).toBe(false);
    expect(isExplained("5 min. ago", v)).toBe(false);
    expect(isExplained("4 Dec 2026, 20:05:00", v)).toBe(false);
  });

  it("passes the data the server sent, but not its error prose or enum constants", () => {
    const enums = schemaEnumValues(`
      """A listing's state."""
      enum ListingStatus {
        """Sent and accepted."""
        SYNCED
        DEAD_LETTERED
      }
      enum Role { ADMIN OPERATOR }
      type Shop { id: ID! }
    `);
    expect([...enums].sort()).toEqual(["ADMIN", "DEAD_LETTERED", "OPERATOR", "SYNCED"]);
    const data = dataStrings(
      {
        product: { title: "Kaos Polos Katun Premium", status: "DEAD_LETTERED", __typename: "Product" },
        shop: { id: "SIMSHOP", batch: "5e13bfec-1b2c-4d3e-8f90-123456789abc" },
        userErrors: [{ message: "Invalid email or password", code: "INVALID_CREDENTIALS" }],
        log: { request: { item_name: "Kaos" }, response: '{"error":"bad"}' },
      },
      enums,
    );
    const d = vocabulary(data);
    expect(isExplained("Kaos Polos Katun Premium", d)).toBe(true);
    expect(isExplained("toko SIMSHOP", d)).toBe(true);
    expect(isExplained("Batch 5e13bfec", d)).toBe(true);
    expect(isExplained("DEAD_LETTERED", d)).toBe(false);
    expect(isExplained("Invalid email or password", d)).toBe(false);
    expect(isExplained(JSON.stringify({ item_name: "Kaos" }, null, 2), d)).toBe(true);
    expect(isExplained(JSON.stringify({ error: "bad" }, null, 2), d)).toBe(true);
  });

  it("passes translated pieces the code joins with spaces or punctuation, and nothing English among them", () => {
    expect(isExplained("Kaos Polos Katun Premium · Shopee + TikTok Shop", v)).toBe(true);
    expect(isExplained(`Shopee: ${id.status.SYNCED} ${id.time.justNow}`, v)).toBe(true);
    expect(isExplained(`${id.errorClass.VALIDATION.name} (ELK-000123):`, v)).toBe(true);
    expect(isExplained(` · ${id.batch.forced}`, v)).toBe(true);
    expect(
      isExplained("/media/a.png /media/b.png", { ...v, data: new Set(["/media/a.png", "/media/b.png"]) }),
    ).toBe(true);
    expect(isExplained(`Shopee: ${id.status.SYNCED} just now`, v)).toBe(false);
    expect(isExplained("Kaos Polos Katun Premium · Retry all", v)).toBe(false);
  });

  it("lists each unexplained string once", () => {
    expect(unexplained(["Coba lagi", "Retry all", " Retry  all ", "ELK-000123", "Show more"], v)).toEqual([
      "Retry all",
      "Show more",
    ]);
  });
});
