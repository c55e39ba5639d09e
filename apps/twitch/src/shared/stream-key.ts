import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '@wired/runtime'

/**
 * A stream key is what a streamer pastes into OBS (or `./wired stream`): `live_<channel>_<mac>`,
 * the mac an HMAC-SHA256 of the channel with a key derived from the deployment's shared secret
 * (GRPC_SECRET). The api hands it to the channel's owner; the ingest service checks it when an
 * RTMP publish arrives, with no call to the api and no database on the ingest path.
 * Rotating a leaked key would need a version in the mac (a workshop exercise).
 */
const CHANNEL = /^[a-z0-9_]{3,24}$/
const KEY = /^live_([a-z0-9_]{3,24})_([A-Za-z0-9_-]{43})$/

const keyFor = (sharedSecret: string) => createHmac('sha256', sharedSecret).update('twitch stream key').digest()

export const isChannelName = (name: string): boolean => CHANNEL.test(name)

export function streamKeys(sharedSecret: string) {
  const key = keyFor(sharedSecret)
  const mac = (channel: string) => createHmac('sha256', key).update(channel).digest('base64url')
  return {
    issue(channel: string): string {
      if (!isChannelName(channel)) throw new AppError('INVALID_ARGUMENT', 'channel: 3–24 of a-z, 0-9, _')
      return `live_${channel}_${mac(channel)}`
    },
    /** The channel the key opens; AppError UNAUTHENTICATED for anything else. */
    verify(streamKey: unknown): string {
      const match = typeof streamKey === 'string' ? KEY.exec(streamKey) : null
      if (!match) throw new AppError('UNAUTHENTICATED', 'malformed stream key')
      const [, channel, given] = match as unknown as [string, string, string]
      if (!timingSafeEqual(Buffer.from(mac(channel)), Buffer.from(given))) {
        throw new AppError('UNAUTHENTICATED', 'wrong stream key')
      }
      return channel
    },
  }
}

export type StreamKeys = ReturnType<typeof streamKeys>
