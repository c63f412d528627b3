import type { en } from "./en";

/** Every catalog has English's keys, each a string: a missing or extra key fails the typecheck. */
export type Catalog<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
