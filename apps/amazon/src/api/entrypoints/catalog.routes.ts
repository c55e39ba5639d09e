import { ok } from '@wired/http'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { InventoryClient } from '../../shared/clients'
import type { CatalogRepository } from '../adapters/catalog.repository'
import { etagOf, type PageCache } from '../adapters/page-cache'
import { pageQuery, searchQuery, skuParams } from './schemas'

/**
 * The catalogue over REST. Pages and searches are cacheable (Cache-Control, ETag, and the api's
 * own PageCache), so they carry no stock; a product's stock is its own request. A client that
 * sends If-None-Match with the current ETag gets 304 and no body.
 *
 * Search is full-text in PostgreSQL (websearch_to_tsquery: any text is a valid query, and it is
 * a bound parameter, so `'; DROP TABLE` is a search for those words). It costs more than a page,
 * so it has its own, lower rate limit: past it, 429 with Retry-After.
 */
export function catalogRoutes(
  app: FastifyInstance,
  deps: { catalog: CatalogRepository; inventory: InventoryClient; pages: PageCache; searchPerMinute: number },
) {
  const send = (request: FastifyRequest, reply: FastifyReply, body: string, etag: string, cacheControl: string) => {
    reply.header('etag', etag).header('cache-control', cacheControl)
    if (request.headers['if-none-match'] === etag) return reply.code(304).send()
    return reply.type('application/json; charset=utf-8').send(body)
  }

  const listing = async (
    request: FastifyRequest<{ Querystring: { page?: string; pageSize?: string; q?: string } }>,
    reply: FastifyReply,
  ) => {
    const page = Number(request.query.page ?? 1)
    const pageSize = Number(request.query.pageSize ?? 20)
    const q = request.query.q?.trim() || undefined
    const cached = await deps.pages.get(`${page}:${pageSize}:${q ?? ''}`, async () => {
      const { items, total } = await deps.catalog.page({ page, pageSize, q })
      return ok(items, { page, pageSize, total })
    })
    return send(request, reply, cached.body, cached.etag, 'public, max-age=30')
  }

  app.get('/v1/products', { schema: { querystring: pageQuery } }, listing)
  app.get(
    '/v1/search',
    {
      schema: { querystring: { ...searchQuery } },
      config: { rateLimit: { max: deps.searchPerMinute, timeWindow: 60_000 } },
    },
    listing,
  )

  app.get<{ Params: { sku: string } }>(
    '/v1/products/:sku',
    { schema: { params: skuParams } },
    async (request, reply) => {
      const { sku } = request.params
      const [products, { levels }] = await Promise.all([
        deps.catalog.bySkus([sku]),
        deps.inventory.stock({ skus: [sku] }),
      ])
      const product = products.get(sku)
      if (!product) throw new AppError('NOT_FOUND', `no product ${sku}`)
      const body = JSON.stringify(ok({ ...product, stock: levels[0]?.available ?? 0 }))
      // Stock moves with every sale: revalidate each time (a 304 still saves the body).
      return send(request, reply, body, etagOf(body), 'no-cache')
    },
  )

  app.get<{ Params: { sku: string } }>(
    '/v1/products/:sku/reviews',
    { schema: { params: skuParams } },
    async (request) => {
      const { sku } = request.params
      const reviews = (await deps.catalog.reviewsFor([sku], 3)).get(sku) ?? []
      return ok(reviews.map(({ sku: _, ...review }) => review))
    },
  )

  app.get<{ Params: { sku: string } }>(
    '/v1/products/:sku/recommendations',
    { schema: { params: skuParams } },
    async (request) => {
      const { sku } = request.params
      return ok((await deps.catalog.recommendationsFor([sku], 4)).get(sku) ?? [])
    },
  )
}
