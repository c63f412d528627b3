import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/** One master-catalog product. Money is numeric → string, so no float ever touches a price. */
@Entity({ name: "products" })
export class ProductEntity {
  /** bigint identity; node-postgres hands bigints over as strings. */
  @PrimaryGeneratedColumn("identity", { name: "id", type: "bigint", generatedIdentity: "BY DEFAULT" })
  id!: string;

  /** Up to 100 characters stored; the marketplaces' 50-character limit is checked when publishing. */
  @Index("products_sku_key", { unique: true })
  @Column({ name: "sku", type: "varchar", length: 100 })
  sku!: string;

  @Column({ name: "title", type: "text" })
  title!: string;

  @Column({ name: "description", type: "text", default: "" })
  description!: string;

  @Column({ name: "brand", type: "text", nullable: true })
  brand!: string | null;

  @Column({ name: "category", type: "text", nullable: true })
  category!: string | null;

  @Column({ name: "price", type: "numeric", precision: 14, scale: 2 })
  price!: string;

  @Column({ name: "currency", type: "char", length: 3 })
  currency!: string;

  @Column({ name: "stock", type: "int" })
  stock!: number;

  @Column({ name: "weight_grams", type: "int", nullable: true })
  weightGrams!: number | null;

  @Column({ name: "length_cm", type: "numeric", precision: 8, scale: 2, nullable: true })
  lengthCm!: string | null;

  @Column({ name: "width_cm", type: "numeric", precision: 8, scale: 2, nullable: true })
  widthCm!: string | null;

  @Column({ name: "height_cm", type: "numeric", precision: 8, scale: 2, nullable: true })
  heightCm!: string | null;

  /** Absolute http(s) URLs or `/media/…` paths served by the API. */
  @Column({ name: "images", type: "jsonb", default: () => "'[]'::jsonb" })
  images!: string[];

  @Column({ name: "attributes", type: "jsonb", default: () => "'{}'::jsonb" })
  attributes!: Record<string, string>;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at", type: "timestamptz" })
  updatedAt!: Date;
}
