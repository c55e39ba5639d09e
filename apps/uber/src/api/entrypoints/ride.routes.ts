import type { GrpcClient } from '@wired/grpc'
import { type IdempotencyStore, idempotent, ok } from '@wired/http'
import type { PricingServiceService } from '@wired/proto/uber/v1/pricing'
import type { RideServiceService } from '@wired/proto/uber/v1/rides'
import { AppError } from '@wired/runtime'
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import { rideView } from '../../shared/ride-messages'
import type { Payments } from '../adapters/payments'
import { amountDue } from '../domain/payment'
import { who } from './account.routes'
import { historyQuerySchema, paymentSchema, rideParamsSchema, tripSchema } from './schemas'

interface RideDeps {
  rides: GrpcClient<typeof RideServiceService>
  pricing: GrpcClient<typeof PricingServiceService>
  payments: Payments
  idempotencyStore: IdempotencyStore
  authenticate: preHandlerAsyncHookHandler
}

type Trip = { pickup: { lat: number; lon: number }; dropoff: { lat: number; lon: number } }

/**
 * Ride request, history and payment over REST; each call goes on over gRPC to the service that
 * owns the data (RideService in matching, PricingService). The two calls that create something
 * (a ride, a payment) require an Idempotency-Key: a retried POST returns the first answer.
 */
export function rideRoutes(app: FastifyInstance, deps: RideDeps): void {
  const { rides, pricing, payments } = deps
  const riderOnly = [deps.authenticate, requireRider]
  const once = idempotent(deps.idempotencyStore)

  app.post('/v1/quotes', { preHandler: riderOnly, schema: { body: tripSchema } }, async (request) => {
    const { pickup, dropoff } = request.body as Trip
    const { quote } = await pricing.getQuote({ pickup, dropoff })
    return ok(quote)
  })

  app.post('/v1/rides', { preHandler: [...riderOnly, once], schema: { body: tripSchema } }, async (request, reply) => {
    const { pickup, dropoff } = request.body as Trip
    const { ride } = await rides.requestRide({ riderId: who(request).id, pickup, dropoff })
    return reply.code(201).send(ok(rideView(ride!)))
  })

  app.get('/v1/rides', { preHandler: riderOnly, schema: { querystring: historyQuerySchema } }, async (request) => {
    const { limit = 20, cursor = '' } = request.query as { limit?: number; cursor?: string }
    const page = await rides.listRides({ riderId: who(request).id, limit, cursor })
    const paid = await payments.forRides(page.rides.map((ride) => ride.rideId))
    const history = page.rides.map((ride) => ({ ...rideView(ride), payment: paid.get(ride.rideId) ?? null }))
    return ok(history, { nextCursor: page.nextCursor || null })
  })

  app.get('/v1/rides/:rideId', { preHandler: riderOnly, schema: { params: rideParamsSchema } }, async (request) => {
    return ok(await ownRide(request))
  })

  app.post(
    '/v1/rides/:rideId/payment',
    { preHandler: [...riderOnly, once], schema: { params: rideParamsSchema, body: paymentSchema } },
    async (request, reply) => {
      const ride = await ownRide(request)
      const amountCents = amountDue(ride, who(request).id)
      const { method } = request.body as { method: string }
      const payment = await payments.record(ride.rideId, ride.riderId, amountCents, method)
      return reply.code(201).send(ok(payment))
    },
  )

  app.get('/v1/surge', async () => ok((await pricing.getSurgeMap({})).cells))

  async function ownRide(request: FastifyRequest) {
    const { rideId } = request.params as { rideId: string }
    const { ride } = await rides.getRide({ rideId })
    const view = rideView(ride!)
    if (view.riderId !== who(request).id) throw new AppError('NOT_FOUND', `no ride ${rideId}`)
    return view
  }
}

async function requireRider(request: FastifyRequest): Promise<void> {
  if (who(request).role !== 'rider') throw new AppError('PERMISSION_DENIED', 'riders only')
}
