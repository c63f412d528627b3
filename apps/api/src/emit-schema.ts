import "reflect-metadata";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildApiSchema } from "./graphql/schema";

/** The SDL partners and the web client's codegen read; committed so changes show in review. */
export async function schemaSdl(): Promise<string> {
  // Printing the SDL never publishes or subscribes; anything else is a bug worth a loud error.
  const offline = {
    publish: () => {
      throw new Error("schema emission does not publish");
    },
    subscribe: () => {
      throw new Error("schema emission does not subscribe");
    },
  };
  return printSchema(lexicographicSortSchema(await buildApiSchema(offline))) + "\n";
}

if (require.main === module) {
  void schemaSdl().then((sdl) => {
    const file = path.resolve(__dirname, "../../../schema.graphql");
    writeFileSync(file, sdl);
    process.stdout.write(`wrote ${file}\n`);
  });
}
