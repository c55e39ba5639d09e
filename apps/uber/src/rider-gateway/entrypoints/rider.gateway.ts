import type { Server } from 'node:http'
import type { GrpcClient } from '@wired/grpc'
import type { RideServiceService } from '@wired/proto/uber/v1/rides'
import { AppError, type Logger } from '@wired/runtime'
import { createWsGateway } from '@wired/ws'
import type { Claims, TokenIssuer } from '../../shared/auth/tokens'
import { rideView } from '../../shared/ride-messages'
import { parseRiderFrame } from '../domain/rider-frames'
import type { RiderSessions } from '../use-cases/watch-rides'

export const RIDER_SOCKET_PATH = '/v1/riders/ws'

export interface RiderSocketDeps {
  server: Server
  tokens: TokenIssuer
  allowedOrigins: string[] | '*'
  rides: GrpcClient<typeof RideServiceService>
  riders: RiderSessions
  logger: Logger
}

/**
 * The riders' WebSocket: the token is checked in the HTTP upgrade (401 without one, 403 for a
 * driver's token) before any socket exists. Frames are described in domain/rider-frames.ts.
 */
export function openRiderSocket(deps: RiderSocketDeps) {
  const { rides, riders } = deps
  return createWsGateway<Claims>({
    server: deps.server,
    path: RIDER_SOCKET_PATH,
    allowedOrigins: deps.allowedOrigins,
    async authenticate(token) {
      const claims = deps.tokens.verify(token)
      if (claims.role !== 'rider') throw new AppError('PERMISSION_DENIED', 'only riders may connect here')
      return claims
    },
    maxPayload: 4 * 1024,
    rateLimit: { messages: 10, perMs: 1000 },
    heartbeatMs: 15_000,
    logger: deps.logger,
    onConnection(connection) {
      const riderId = connection.principal.sub
      riders.join(riderId, connection)
      connection.onClose(() => riders.leave(riderId, connection))
      connection.onMessage(async (message) => {
        const frame = parseRiderFrame(message)
        if (frame.type === 'watch') return riders.watchNearby(riderId, frame.at)
        const { ride } = await rides.cancelRide({ rideId: frame.rideId, riderId, reason: frame.reason })
        if (ride) riders.updateRide(rideView(ride))
      })
      // The snapshot: a rider who reconnects mid-ride picks up where it was.
      rides
        .getActiveRide({ riderId })
        .then(({ ride }) => {
          if (ride) riders.updateRide(rideView(ride))
        })
        .catch((error: unknown) => deps.logger.warn({ err: error, riderId }, 'no ride snapshot'))
    },
  })
}
