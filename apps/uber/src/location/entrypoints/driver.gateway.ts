import type { Server } from 'node:http'
import type { Logger } from '@wired/runtime'
import { AppError } from '@wired/runtime'
import { createWsGateway } from '@wired/ws'
import type { Claims, TokenIssuer } from '../../shared/auth/tokens'
import type { City } from '../../shared/city'
import { MAX_DRIVER_MESSAGE_BYTES } from '../../shared/mqtt-topics'
import type { DispatchBridge } from '../adapters/dispatch-bridge'
import { acceptPosition } from '../domain/position'
import type { IngestPipeline } from '../use-cases/ingest-fixes'

export const DRIVER_SOCKET_PATH = '/v1/drivers/ws'

export interface DriverSocketDeps {
  server: Server
  tokens: TokenIssuer
  allowedOrigins: string[] | '*'
  city: City
  pipeline: IngestPipeline
  bridge: DispatchBridge
  /** The driver's last socket closed: like an MQTT last will, it leaves matching at once. */
  onDisconnect(driverId: string): void
  logger: Logger
}

/**
 * The WebSocket alternative for driver apps (the guide: "MQTT or WebSocket"). Frames:
 *   driver → server  {type:'position', lat, lon, ts, available, heading?, speedMps?}
 *                    {type:'ride', rideId, action, reason?}
 *   server → driver  {type:'offer', ...} {type:'ride', ...} {type:'error', code, message}
 * Positions enter the same IngestPipeline as MQTT fixes.
 */
export function openDriverSocket(deps: DriverSocketDeps) {
  return createWsGateway<Claims>({
    server: deps.server,
    path: DRIVER_SOCKET_PATH,
    allowedOrigins: deps.allowedOrigins,
    async authenticate(token) {
      const claims = deps.tokens.verify(token)
      if (claims.role !== 'driver') throw new AppError('PERMISSION_DENIED', 'only drivers may connect here')
      return claims
    },
    maxPayload: MAX_DRIVER_MESSAGE_BYTES, // the MQTT path refuses the same (shared/mqtt-topics.ts)
    rateLimit: { messages: 20, perMs: 1000 },
    heartbeatMs: 10_000,
    logger: deps.logger,
    onConnection(connection) {
      const driverId = connection.principal.sub
      const detach = deps.bridge.attach(driverId, (frame) => connection.send(frame))
      connection.onMessage(async (frame) => {
        if (frame.type === 'position')
          deps.pipeline.accept(acceptPosition(deps.city, driverId, frame, 'ws', Date.now()))
        else if (frame.type === 'ride') await deps.bridge.forwardRideAction(driverId, frame)
        else throw new AppError('INVALID_ARGUMENT', "frame type must be 'position' or 'ride'")
      })
      connection.onClose(() => {
        // A second tab or a reconnect that overlapped the old socket: the driver is still here.
        if (detach()) deps.onDisconnect(driverId)
      })
    },
  })
}
