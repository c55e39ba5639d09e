import type pg from 'pg'

export interface Product {
  sku: string
  title: string
  description: string
  category: string
  priceCents: number
}

export interface Review {
  id: string
  sku: string
  author: string
  stars: number
  body: string
}

/** Counts the SQL statements one request made (the GraphQL test reads it: one per entity type). */
export interface StatementCount {
  n: number
}

interface ProductRow {
  sku: string
  title: string
  description: string
  category: string
  price_cents: string
}

const toProduct = (row: ProductRow): Product => ({
  sku: row.sku,
  title: row.title,
  description: row.description,
  category: row.category,
  priceCents: Number(row.price_cents),
})

const PRODUCT = 'p.sku, p.title, p.description, p.category, p.price_cents'

/**
 * The catalogue's SQL. Every "for these skus" method takes a list and runs one statement with
 * `= ANY($1)`: that is what DataLoader batching needs (N products' reviews in one query).
 */
export class CatalogRepository {
  constructor(private readonly pool: pg.Pool) {}

  private async query<R extends pg.QueryResultRow>(count: StatementCount | undefined, sql: string, params: unknown[]) {
    if (count) count.n++
    return (await this.pool.query<R>(sql, params)).rows
  }

  /** One page of the catalogue, or of the products matching a full-text search (best first). */
  async page(options: { page: number; pageSize: number; q?: string }) {
    const offset = (options.page - 1) * options.pageSize
    const rows = options.q
      ? await this.query<ProductRow & { total: string }>(
          undefined,
          `SELECT ${PRODUCT}, count(*) OVER () AS total FROM products p, websearch_to_tsquery('english', $1) q
           WHERE p.search @@ q ORDER BY ts_rank(p.search, q) DESC, p.sku LIMIT $2 OFFSET $3`,
          [options.q, options.pageSize, offset],
        )
      : await this.query<ProductRow & { total: string }>(
          undefined,
          `SELECT ${PRODUCT}, count(*) OVER () AS total FROM products p ORDER BY p.sku LIMIT $1 OFFSET $2`,
          [options.pageSize, offset],
        )
    return { items: rows.map(toProduct), total: rows[0] ? Number(rows[0].total) : 0 }
  }

  async bySkus(skus: readonly string[], count?: StatementCount): Promise<Map<string, Product>> {
    const rows = await this.query<ProductRow>(count, `SELECT ${PRODUCT} FROM products p WHERE p.sku = ANY($1)`, [skus])
    return new Map(rows.map((row) => [row.sku, toProduct(row)]))
  }

  /** The first `first` reviews of each sku, in one statement (a window per product). */
  async reviewsFor(skus: readonly string[], first: number, count?: StatementCount): Promise<Map<string, Review[]>> {
    const rows = await this.query<Review & { rn: string }>(
      count,
      `SELECT id, sku, author, stars, body FROM (
         SELECT review_id AS id, sku, author, stars, body, row_number() OVER (PARTITION BY sku ORDER BY review_id) AS rn
         FROM reviews WHERE sku = ANY($1)) r
       WHERE rn <= $2 ORDER BY sku, id`,
      [skus, first],
    )
    return groupBy(
      rows.map(({ rn: _, ...review }) => review),
      (review) => review.sku,
    )
  }

  /** The first `first` recommended products of each sku, with their product rows, in one statement. */
  async recommendationsFor(skus: readonly string[], first: number, count?: StatementCount) {
    const rows = await this.query<ProductRow & { for_sku: string }>(
      count,
      `SELECT r.sku AS for_sku, ${PRODUCT} FROM recommendations r JOIN products p ON p.sku = r.other_sku
       WHERE r.sku = ANY($1) AND r.rank < $2 ORDER BY r.sku, r.rank`,
      [skus, first],
    )
    const grouped = groupBy(rows, (row) => row.for_sku)
    return new Map([...grouped].map(([sku, list]) => [sku, list.map(toProduct)]))
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const list = groups.get(key(item))
    if (list) list.push(item)
    else groups.set(key(item), [item])
  }
  return groups
}
