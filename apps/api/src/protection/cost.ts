import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * Calculated query cost, after Shopify's: each object costs 1, scalars and enums 0, a mutation 10;
 * a paged field (one with a `first`/`last` argument) costs its own price plus `first` × what each
 * page item asks for (`edges`/`nodes` of a connection; everything for a plain list). A field can set
 * its own price with type-graphql's `complexity` option. Depth counts nested fields (`{ a { b } }`
 * is 2). Both are computed from the document alone, before anything runs.
 */
export interface CostOptions {
  /** `first` when the query gives none (the server's default page size). */
  defaultPageSize: number;
  /** Larger `first` values are priced at this (pageSize() refuses them with a clearer error). */
  maxPageSize: number;
  mutationCost: number;
}

export const DEFAULT_COST_OPTIONS: CostOptions = { defaultPageSize: 20, maxPageSize: 100, mutationCost: 10 };

export interface OperationMeasure {
  cost: number;
  /** Deepest field nesting outside introspection. */
  depth: number;
  /** Deepest nesting inside `__schema`/`__type`, which tools legitimately query 15 levels deep. */
  introspectionDepth: number;
  /** Fields written with an alias (`a: product(id: 1)`), anywhere in the document. */
  aliases: number;
}

interface Measure {
  /** Cost of `edges`/`nodes` selections: what a page multiplies. */
  paged: number;
  /** Cost of everything else. */
  flat: number;
  depth: number;
  introspectionDepth: number;
}

const ZERO: Measure = { paged: 0, flat: 0, depth: 0, introspectionDepth: 0 };
const PAGED_FIELDS = new Set(["edges", "nodes"]);
const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables?: Record<string, unknown> | null,
  options: CostOptions = DEFAULT_COST_OPTIONS,
): OperationMeasure {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  const aliases = countAliases(document);
  if (!operation) return { cost: 0, depth: 0, introspectionDepth: 0, aliases };
  const walker = new Walker(schema, document, variables ?? {}, options);
  const root = schema.getRootType(operation.operation) ?? undefined;
  const m = walker.selectionSet(
    operation.selectionSet,
    root,
    operation.operation === "mutation" ? options.mutationCost : undefined,
  );
  return { cost: m.paged + m.flat, depth: m.depth, introspectionDepth: m.introspectionDepth, aliases };
}

/** A Relay connection: an object with `edges` or `nodes`, whose items a page size multiplies. */
function isConnectionType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return "edges" in fields || "nodes" in fields;
}

function countAliases(document: DocumentNode): number {
  let n = 0;
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD && s.alias && s.alias.value !== s.name.value) n++;
      if (s.kind !== Kind.FRAGMENT_SPREAD) visit(s.selectionSet);
    }
  };
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) visit(d.selectionSet);
  }
  return n;
}

class Walker {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  /** Fragment results, so a fragment spread many times is measured once (no exponential blow-up). */
  private readonly memo = new Map<string, Measure>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
    private readonly options: CostOptions,
  ) {
    for (const d of document.definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(d.name.value, d);
  }

  /** `rootFieldCost` prices each top-level field of a mutation. */
  selectionSet(set: SelectionSetNode, type: GraphQLNamedType | undefined, rootFieldCost?: number): Measure {
    const total: Measure = { ...ZERO };
    for (const s of set.selections) {
      let m: Measure;
      if (s.kind === Kind.FIELD) {
        m = this.field(s, type, rootFieldCost);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = s.typeCondition
          ? (this.schema.getType(s.typeCondition.name.value) ?? undefined)
          : type;
        m = this.selectionSet(s.selectionSet, narrowed, rootFieldCost);
      } else {
        m = this.fragment(s.name.value, rootFieldCost);
      }
      // Summing the branches of a union or interface over-counts, which errs on the safe side.
      total.paged += m.paged;
      total.flat += m.flat;
      total.depth = Math.max(total.depth, m.depth);
      total.introspectionDepth = Math.max(total.introspectionDepth, m.introspectionDepth);
    }
    return total;
  }

  private fragment(name: string, rootFieldCost: number | undefined): Measure {
    const key = `${name}|${rootFieldCost ?? ""}`;
    const known = this.memo.get(key);
    if (known) return known;
    const def = this.fragments.get(name);
    // Unknown or cyclic fragments are validation errors; they add nothing here.
    if (!def || this.inProgress.has(name)) return ZERO;
    this.inProgress.add(name);
    const m = this.selectionSet(
      def.selectionSet,
      this.schema.getType(def.typeCondition.name.value) ?? undefined,
      rootFieldCost,
    );
    this.inProgress.delete(name);
    this.memo.set(key, m);
    return m;
  }

  private field(
    node: FieldNode,
    parent: GraphQLNamedType | undefined,
    rootFieldCost: number | undefined,
  ): Measure {
    const name = node.name.value;
    if (name === "__typename") return { ...ZERO, depth: 1 };
    if (INTROSPECTION_ROOTS.has(name)) {
      const inner = node.selectionSet
        ? this.selectionSet(
            node.selectionSet,
            this.schema.getType(name === "__schema" ? "__Schema" : "__Type") ?? undefined,
          )
        : ZERO;
      return { ...ZERO, introspectionDepth: 1 + Math.max(inner.depth, inner.introspectionDepth) };
    }
    const def =
      parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
    const type = def ? getNamedType(def.type) : undefined;
    const children = node.selectionSet ? this.selectionSet(node.selectionSet, type) : ZERO;
    const own = rootFieldCost ?? this.ownCost(def);
    const size = def ? this.pageSize(node, def) : null;
    const isConnection = type !== undefined && isConnectionType(type);
    let cost: number;
    if (size === null) cost = own + children.paged + children.flat;
    else if (isConnection) cost = own + size * children.paged + children.flat;
    else cost = own + size * (children.paged + children.flat);
    const depth = 1 + children.depth;
    return PAGED_FIELDS.has(name)
      ? { paged: cost, flat: 0, depth, introspectionDepth: children.introspectionDepth }
      : { paged: 0, flat: cost, depth, introspectionDepth: children.introspectionDepth };
  }

  private ownCost(def: GraphQLField<unknown, unknown> | undefined): number {
    if (!def) return 0;
    const declared = def.extensions.complexity;
    if (typeof declared === "number" && Number.isFinite(declared) && declared >= 0) return declared;
    const type = getNamedType(def.type);
    if (!isCompositeType(type)) return 0;
    // A connection is a page query plus a count: Shopify prices it at 2.
    return isConnectionType(type) ? 2 : 1;
  }

  /** The requested page size of a paged field, or null for a field that is not paged. */
  private pageSize(node: FieldNode, def: GraphQLField<unknown, unknown>): number | null {
    const arg = def.args.find((a) => a.name === "first" || a.name === "last");
    // A list without a size argument is priced as one item: our lists of that kind are small and bounded.
    if (!arg) return null;
    let value: unknown;
    const given = node.arguments?.find((a) => a.name.value === "first" || a.name.value === "last");
    if (given) value = valueFromASTUntyped(given.value, this.variables);
    else value = arg.defaultValue;
    const n = typeof value === "number" && Number.isFinite(value) ? value : this.options.defaultPageSize;
    return Math.min(Math.max(0, Math.floor(n)), this.options.maxPageSize);
  }
}
