import type { FastifyInstance } from 'fastify'
import mercurius, { type IResolvers, type MercuriusContext, type MercuriusLoaders } from 'mercurius'
import type { InventoryClient } from '../../shared/clients'
import type { CatalogRepository, Product, StatementCount } from '../adapters/catalog.repository'
import { queryLimitsRule } from '../domain/query-limits'

/**
 * The mobile product page's API: one query brings product, price, stock, reviews and
 * recommendations, where REST takes three requests (compare catalog.routes.ts). The same
 * repository and the same inventory call answer both, so both give the same data (test).
 */
export const schema = /* GraphQL */ `
  type Query {
    "One product, or null."
    product(sku: ID!): Product
    "Several products by sku, in the order asked (unknown skus are left out)."
    products(skus: [ID!]!): [Product!]!
  }

  type Product {
    sku: ID!
    title: String!
    description: String!
    category: String!
    priceCents: Int!
    "Units a checkout can still reserve, from the inventory service (Redis)."
    stock: Int!
    reviews(first: Int = 3): [Review!]!
    recommendations(first: Int = 4): [Product!]!
  }

  type Review {
    id: ID!
    author: String!
    stars: Int!
    body: String!
  }
`

declare module 'mercurius' {
  interface MercuriusContext {
    /** SQL statements this query ran so far (x-sql-statements header). */
    sql: StatementCount
  }
}

type Context = MercuriusContext

const clampFirst = (first: unknown) => Math.min(Math.max(Number(first) || 0, 0), 10)

export async function registerGraphql(
  app: FastifyInstance,
  deps: { catalog: CatalogRepository; inventory: InventoryClient },
  limits: { maxDepth: number; maxFields: number },
) {
  const { catalog, inventory } = deps
  const counts = new WeakMap<object, StatementCount>()
  const resolvers: IResolvers = {
    Query: {
      product: async (_root, { sku }: { sku: string }, context: Context) =>
        (await catalog.bySkus([sku], context.sql)).get(sku) ?? null,
      products: async (_root, { skus }: { skus: string[] }, context: Context) => {
        if (skus.length > 50) throw new Error('at most 50 skus')
        const found = await catalog.bySkus(skus, context.sql)
        return skus.flatMap((sku) => found.get(sku) ?? [])
      },
    },
  }
  // DataLoader batching (mercurius `loaders`): every Product.reviews of one query level is
  // answered by one call with all their parents, so 10 products cost one SQL statement, not 10.
  type Query = { obj: Product; params: { first?: number } }
  const loaders: MercuriusLoaders = {
    Product: {
      async stock(queries: Query[]) {
        const { levels } = await inventory.stock({ skus: [...new Set(queries.map((q) => q.obj.sku))] })
        const bySku = new Map(levels.map((level) => [level.sku, level.available]))
        return queries.map((q) => bySku.get(q.obj.sku) ?? 0)
      },
      async reviews(queries: Query[], context: Context) {
        const first = Math.max(...queries.map((q) => clampFirst(q.params.first ?? 3)))
        const bySku = await catalog.reviewsFor(unique(queries), first, context.sql)
        return queries.map((q) => (bySku.get(q.obj.sku) ?? []).slice(0, clampFirst(q.params.first ?? 3)))
      },
      async recommendations(queries: Query[], context: Context) {
        const first = Math.max(...queries.map((q) => clampFirst(q.params.first ?? 4)))
        const bySku = await catalog.recommendationsFor(unique(queries), first, context.sql)
        return queries.map((q) => (bySku.get(q.obj.sku) ?? []).slice(0, clampFirst(q.params.first ?? 4)))
      },
    },
  }
  await app.register(mercurius, {
    schema,
    resolvers,
    loaders,
    graphiql: false,
    // The explorer page (web/explorer.html) reads the schema by introspection; limits still apply.
    validationRules: [queryLimitsRule(limits)],
    context: (request) => {
      const sql = { n: 0 }
      counts.set(request, sql)
      return { sql }
    },
  })
  // How many SQL statements the query cost: shown on the explorer page, read by the batching test.
  app.addHook('onSend', async (request, reply, payload) => {
    const sql = counts.get(request)
    if (sql) reply.header('x-sql-statements', String(sql.n))
    return payload
  })
}

const unique = (queries: Array<{ obj: Product }>) => [...new Set(queries.map((q) => q.obj.sku))]
