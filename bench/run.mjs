// `pnpm bench [name…]`: the speed and memory targets, measured on this machine. Never part of `pnpm test`.
const all = {
  products: () => import("./products.mjs"),
  sync: () => import("./sync.mjs"),
  fanout: () => import("./fanout.mjs"),
  import: () => import("./import.mjs"),
  faults: () => import("./faults.mjs"),
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = wanted.length ? wanted : Object.keys(all);
for (const name of names) {
  if (!all[name]) {
    console.error(`unknown benchmark ${name}; choose from ${Object.keys(all).join(", ")}`);
    process.exit(2);
  }
}
for (const name of names) {
  const mod = await all[name]();
  await mod.run();
}
process.exit(0);
