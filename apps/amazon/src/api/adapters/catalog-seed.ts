import type pg from 'pg'
import { CATALOG } from '../../shared/catalog'

const AUTHORS = ['ada', 'grace', 'linus', 'barbara', 'ken', 'margaret']

/**
 * Puts the demo catalogue into PostgreSQL at boot (ON CONFLICT DO NOTHING, so a restart or a
 * second replica adds nothing): products, three reviews each, four recommendations each (the
 * next products of the same category).
 */
export async function seedCatalog(pool: pg.Pool): Promise<void> {
  const items = CATALOG
  await pool.query(
    `INSERT INTO products (sku, title, description, category, price_cents)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) ON CONFLICT DO NOTHING`,
    [
      items.map((i) => i.sku),
      items.map((i) => i.title),
      items.map((i) => i.description),
      items.map((i) => i.category),
      items.map((i) => i.priceCents),
    ],
  )
  const reviews = items.flatMap((item, i) =>
    [0, 1, 2].map((n) => ({
      id: `${item.sku}-r${n}`,
      sku: item.sku,
      author: AUTHORS[(i + n) % AUTHORS.length]!,
      stars: 1 + ((i * 3 + n * 2) % 5),
      body: `${['Does the job', 'Love it', 'Not bad'][n]}: the ${item.title.toLowerCase()}.`,
    })),
  )
  await pool.query(
    `INSERT INTO reviews (review_id, sku, author, stars, body)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[], $5::text[]) ON CONFLICT DO NOTHING`,
    [
      reviews.map((r) => r.id),
      reviews.map((r) => r.sku),
      reviews.map((r) => r.author),
      reviews.map((r) => r.stars),
      reviews.map((r) => r.body),
    ],
  )
  const pairs = items.flatMap((item) => {
    const same = items.filter((other) => other.category === item.category && other.sku !== item.sku)
    const start = same.findIndex((other) => other.sku > item.sku)
    return [0, 1, 2, 3].map((rank) => ({
      sku: item.sku,
      rank,
      other: same[(Math.max(start, 0) + rank) % same.length]!.sku,
    }))
  })
  await pool.query(
    `INSERT INTO recommendations (sku, rank, other_sku)
     SELECT * FROM unnest($1::text[], $2::smallint[], $3::text[]) ON CONFLICT DO NOTHING`,
    [pairs.map((p) => p.sku), pairs.map((p) => p.rank), pairs.map((p) => p.other)],
  )
}
