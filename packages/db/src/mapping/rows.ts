import type {
  AttributeRule,
  AttributeValueKind,
  CategoryRule,
  MarketplaceAttributeValue,
  SizeChart,
} from "@syncstore/core";

/** A category_mappings row with its attribute rows, as the repository reads them. */
export interface CategoryMappingRow {
  id: string;
  channel_id: string | null;
  master_category: string;
  category_id: string;
  category_version: string | null;
  brand_required: boolean;
  size_chart_required: boolean;
  size_chart: SizeChart | null;
  attributes: AttributeMappingRow[] | null;
}

export interface AttributeMappingRow {
  attribute_id: string;
  attribute_name: string;
  required: boolean;
  kind: AttributeValueKind;
  source: "MASTER" | "CONSTANT";
  master_attribute: string | null;
  value_map: Record<string, MarketplaceAttributeValue>;
  constant_values: MarketplaceAttributeValue[] | null;
  default_value: MarketplaceAttributeValue | null;
  unit: string | null;
}

export function toCategoryRule(row: CategoryMappingRow): CategoryRule {
  return {
    masterCategory: row.master_category,
    categoryId: row.category_id,
    categoryVersion: row.category_version,
    brandRequired: row.brand_required,
    sizeChartRequired: row.size_chart_required,
    sizeChart: row.size_chart,
    attributes: (row.attributes ?? []).map(toAttributeRule),
  };
}

function toAttributeRule(row: AttributeMappingRow): AttributeRule {
  return {
    attributeId: row.attribute_id,
    attributeName: row.attribute_name,
    required: row.required,
    kind: row.kind,
    source:
      row.source === "MASTER"
        ? { type: "MASTER", masterAttribute: row.master_attribute ?? "", valueMap: row.value_map }
        : { type: "CONSTANT", values: row.constant_values ?? [] },
    defaultValue: row.default_value,
    unit: row.unit,
  };
}
