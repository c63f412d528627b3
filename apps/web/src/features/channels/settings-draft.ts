import type { UpdateChannelInput } from "../../gql/graphql";

/** The settings a person edits on the Channels page, as the form holds them (text until sent). */
export interface SettingsDraft {
  name: string;
  priceMultiplier: string;
  maxAttempts: string;
  /** Empty: the platform's default. */
  rateLimitPerSecond: string;
  enabled: boolean;
}

export type SettingsField = keyof SettingsDraft;

const FIELDS: readonly SettingsField[] = [
  "name",
  "priceMultiplier",
  "maxAttempts",
  "rateLimitPerSecond",
  "enabled",
];

interface ChannelSettings {
  id: string;
  name: string;
  priceMultiplier: string;
  maxAttempts: number;
  rateLimitPerSecond: number | null;
  enabled: boolean;
}

/** `"1.1500"` → `"1.15"`, `"2.0000"` → `"2"`: the stored scale is not what a person typed. */
export function plainDecimal(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

/** A decimal comma (as Indonesian writes 1,15) becomes the point the API reads; nothing else is rewritten. */
function decimalText(text: string): string {
  return text.trim().replace(",", ".");
}

export function draftOf(c: ChannelSettings): SettingsDraft {
  return {
    name: c.name,
    priceMultiplier: plainDecimal(c.priceMultiplier),
    maxAttempts: String(c.maxAttempts),
    rateLimitPerSecond: c.rateLimitPerSecond === null ? "" : String(c.rateLimitPerSecond),
    enabled: c.enabled,
  };
}

/** What the form cannot even send: a whole-number field holding something else. */
export interface DraftProblem {
  field: SettingsField;
  reason: "notWhole";
}

export type DraftChanges =
  { input: UpdateChannelInput; changed: SettingsField[] } | { problems: DraftProblem[] };

const WHOLE = /^\d+$/;

/**
 * Only the settings that differ from the channel go into the input, so a concurrent change of
 * another setting is not overwritten. Ranges are the server's to judge (its userErrors name the
 * field); here only what cannot be expressed as an Int is caught.
 */
export function changesOf(channel: ChannelSettings, draft: SettingsDraft): DraftChanges {
  const before = draftOf(channel);
  const input: UpdateChannelInput = { id: channel.id };
  const changed: SettingsField[] = [];
  const problems: DraftProblem[] = [];
  if (draft.name.trim() !== before.name) {
    input.name = draft.name;
    changed.push("name");
  }
  const multiplier = decimalText(draft.priceMultiplier);
  if (multiplier !== before.priceMultiplier) {
    input.priceMultiplier = multiplier;
    changed.push("priceMultiplier");
  }
  const attempts = draft.maxAttempts.trim();
  if (attempts !== before.maxAttempts) {
    if (!WHOLE.test(attempts) || !Number.isSafeInteger(Number(attempts)))
      problems.push({ field: "maxAttempts", reason: "notWhole" });
    else input.maxAttempts = Number(attempts);
    changed.push("maxAttempts");
  }
  const rate = draft.rateLimitPerSecond.trim();
  if (rate !== before.rateLimitPerSecond) {
    if (rate === "") input.useDefaultRateLimit = true;
    else if (!WHOLE.test(rate) || !Number.isSafeInteger(Number(rate)))
      problems.push({ field: "rateLimitPerSecond", reason: "notWhole" });
    else input.rateLimitPerSecond = Number(rate);
    changed.push("rateLimitPerSecond");
  }
  if (draft.enabled !== before.enabled) {
    input.enabled = draft.enabled;
    changed.push("enabled");
  }
  return problems.length ? { problems } : { input, changed };
}

/** The form field a userError names (`["input", "priceMultiplier"]`), or null for the form as a whole. */
export function fieldOf(path: readonly string[] | null | undefined): SettingsField | null {
  const name = path?.find((p): p is SettingsField => (FIELDS as readonly string[]).includes(p));
  if (name) return name;
  // useDefaultRateLimit is the rate field's other half: the person sees one input for both.
  return path?.includes("useDefaultRateLimit") ? "rateLimitPerSecond" : null;
}
