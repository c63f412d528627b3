import type { AttributeValueKind, MarketplaceAttributeValue } from "@syncstore/core";
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { CategoryMappingEntity } from "./category-mapping.entity";

/** One marketplace attribute of a mapped category: from a master attribute (with a value map) or a constant. */
@Entity({ name: "attribute_mappings" })
export class AttributeMappingEntity {
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  @Column({ name: "category_mapping_id", type: "bigint" })
  categoryMappingId!: string;

  @ManyToOne(() => CategoryMappingEntity, { onDelete: "CASCADE" })
  @JoinColumn({
    name: "category_mapping_id",
    foreignKeyConstraintName: "attribute_mappings_category_mapping_id_fkey",
  })
  categoryMapping?: CategoryMappingEntity;

  @Column({ name: "attribute_id", type: "text" })
  attributeId!: string;

  @Column({ name: "attribute_name", type: "text" })
  attributeName!: string;

  @Column({ name: "required", type: "boolean", default: false })
  required!: boolean;

  @Column({ name: "kind", type: "text" })
  kind!: AttributeValueKind;

  @Column({ name: "source", type: "text" })
  source!: "MASTER" | "CONSTANT";

  @Column({ name: "master_attribute", type: "text", nullable: true })
  masterAttribute!: string | null;

  @Column({ name: "value_map", type: "jsonb", default: () => "'{}'::jsonb" })
  valueMap!: Record<string, MarketplaceAttributeValue>;

  @Column({ name: "constant_values", type: "jsonb", nullable: true })
  constantValues!: MarketplaceAttributeValue[] | null;

  @Column({ name: "default_value", type: "jsonb", nullable: true })
  defaultValue!: MarketplaceAttributeValue | null;

  @Column({ name: "unit", type: "text", nullable: true })
  unit!: string | null;

  @Column({ name: "position", type: "int", default: 0 })
  position!: number;
}
