import { AppError } from '@wired/runtime'
import { type City, type LatLon, parseLatLon } from '../../shared/city'
import type { PositionReport } from '../../shared/mqtt-topics'

/** A position the pipeline accepted: what goes into the GEO index, the history and to watchers. */
export interface DriverPosition {
  driverId: string
  position: LatLon
  heading: number
  speedMps: number
  recordedAt: number
  receivedAt: number
  available: boolean
  source: 'mqtt' | 'ws'
}

// A fix older than this is history, not a position: a phone that was offline for hours must not
// teleport a driver back into matching. Queued QoS 1 fixes from a short outage are well inside it.
const MAX_AGE_MS = 10 * 60_000
// Phones' clocks drift; a fix far in the future means a broken clock, and it would win every
// "newest position" comparison for as long as the drift lasts.
const MAX_CLOCK_SKEW_MS = 60_000
const MAX_SPEED_MPS = 100

/**
 * The one validation both ingest paths share (MQTT payloads and WebSocket frames). Bad input is
 * INVALID_ARGUMENT with a message that names the field; nothing reaches Redis or Kafka.
 */
export function acceptPosition(
  city: City,
  driverId: string,
  report: unknown,
  source: DriverPosition['source'],
  now: number,
): DriverPosition {
  if (typeof report !== 'object' || report === null || Array.isArray(report))
    throw new AppError('INVALID_ARGUMENT', 'a position must be a JSON object {lat, lon, ts, available}')
  const { heading = 0, speedMps = 0, ts, available = true } = report as Partial<PositionReport>
  const position = parseLatLon(report)
  if (!city.contains(position))
    throw new AppError('INVALID_ARGUMENT', 'position is outside the service area', { ...position })
  if (typeof ts !== 'number' || !Number.isFinite(ts))
    throw new AppError('INVALID_ARGUMENT', 'ts must be the fix time in ms since the epoch')
  if (ts < now - MAX_AGE_MS || ts > now + MAX_CLOCK_SKEW_MS)
    throw new AppError('INVALID_ARGUMENT', `ts is ${Math.round((now - ts) / 1000)} s off the server clock`)
  if (typeof heading !== 'number' || !(heading >= 0 && heading < 360))
    throw new AppError('INVALID_ARGUMENT', 'heading must be in [0, 360) degrees')
  if (typeof speedMps !== 'number' || !(speedMps >= 0 && speedMps <= MAX_SPEED_MPS))
    throw new AppError('INVALID_ARGUMENT', `speedMps must be in [0, ${MAX_SPEED_MPS}]`)
  if (typeof available !== 'boolean') throw new AppError('INVALID_ARGUMENT', 'available must be true or false')
  return { driverId, position, heading, speedMps, recordedAt: ts, receivedAt: now, available, source }
}
