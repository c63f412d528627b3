import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ProductEntity } from "./product.entity";

/** A purchasable option of a product (Color/Size…) with its own seller SKU, price and stock. */
@Entity({ name: "product_variants" })
@Index("product_variants_product_id_position_idx", ["productId", "position"])
export class ProductVariantEntity {
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  @Column({ name: "product_id", type: "bigint" })
  productId!: string;

  @ManyToOne(() => ProductEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "product_id", foreignKeyConstraintName: "product_variants_product_id_fkey" })
  product?: ProductEntity;

  @Index("product_variants_sku_key", { unique: true })
  @Column({ name: "sku", type: "varchar", length: 100 })
  sku!: string;

  /** Option name → value, e.g. { Color: "Merah", Size: "M" }. */
  @Column({ name: "options", type: "jsonb", default: () => "'{}'::jsonb" })
  options!: Record<string, string>;

  @Column({ name: "price", type: "numeric", precision: 14, scale: 2 })
  price!: string;

  @Column({ name: "stock", type: "int" })
  stock!: number;

  @Column({ name: "image", type: "text", nullable: true })
  image!: string | null;

  @Column({ name: "position", type: "int", default: 0 })
  position!: number;
}
