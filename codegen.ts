import type { CodegenConfig } from "@graphql-codegen/cli";

// The web client's types come from the committed SDL, so codegen runs offline and a schema change
// shows up as a type error in the feature that uses it.
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["apps/web/src/**/*.{ts,tsx}", "!apps/web/src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "apps/web/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        scalars: {
          Decimal: "string",
          DateTimeISO: "string",
          JSON: "unknown",
        },
      },
    },
  },
};

export default config;
