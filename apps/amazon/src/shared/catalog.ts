/**
 * The demo catalogue, generated the same way on every boot: the api migrates it into
 * PostgreSQL (titles, descriptions, reviews), pricing quotes from it, inventory stocks Redis
 * from it. One list, so the three services agree without calling each other at start.
 */
export interface CatalogItem {
  sku: string
  title: string
  description: string
  category: string
  priceCents: number
  /** Units on hand when the shop opened; PostgreSQL records what confirmed orders sold since. */
  initialStock: number
}

const NOUNS = ['kettle', 'lamp', 'backpack', 'headphones', 'notebook', 'mug', 'keyboard', 'chair', 'blender', 'tent']
const ADJECTIVES = ['steel', 'wooden', 'wireless', 'compact', 'waterproof', 'ergonomic', 'travel', 'classic']
const CATEGORIES = ['kitchen', 'home', 'outdoors', 'electronics', 'office']

/** 80 products: `sku-001` … `sku-080`. `sku-100` is the launch item: exactly 100 units. */
export const CATALOG: readonly CatalogItem[] = [
  ...Array.from({ length: 80 }, (_, i): CatalogItem => {
    const noun = NOUNS[i % NOUNS.length]!
    const adjective = ADJECTIVES[Math.floor(i / NOUNS.length) % ADJECTIVES.length]!
    return {
      sku: `sku-${String(i + 1).padStart(3, '0')}`,
      title: `${adjective[0]!.toUpperCase()}${adjective.slice(1)} ${noun}`,
      description: `A ${adjective} ${noun} for everyday use; model ${i + 1}.`,
      category: CATEGORIES[i % CATEGORIES.length]!,
      priceCents: 999 + ((i * 737) % 20_000),
      initialStock: 1_000_000,
    }
  }),
  {
    sku: 'sku-100',
    title: 'Launch day console',
    description: 'The limited launch edition: 100 units, and not one more.',
    category: 'electronics',
    priceCents: 49_999,
    initialStock: 100,
  },
]

export const catalogBySku = new Map(CATALOG.map((item) => [item.sku, item]))

export const SKU = /^sku-[0-9]{3}$/
