import { createHmac, timingSafeEqual } from 'node:crypto'
import { AppError } from '@wired/runtime'

/**
 * The feed's cursor: opaque to the client, so the server may change what is inside. It holds the
 * reader and the last post id of the page, signed with an HMAC: a client cannot forge one (to
 * scan ids it could not see) or use another reader's.
 *
 *   base64url(JSON {u: readerId, b: beforePostId}) "." base64url(HMAC-SHA256(key, payload))[0..22]
 */
export interface FeedCursor {
  readerId: string
  beforeId: string
}

export class CursorCodec {
  constructor(private readonly key: Buffer) {}

  encode(cursor: FeedCursor): string {
    const payload = Buffer.from(JSON.stringify({ u: cursor.readerId, b: cursor.beforeId })).toString('base64url')
    return `${payload}.${this.sign(payload)}`
  }

  /** The cursor's content, or INVALID_ARGUMENT if it was altered or belongs to another reader. */
  decode(text: string, readerId: string): FeedCursor {
    const [payload, signature, ...rest] = text.split('.')
    const expected = payload === undefined ? '' : this.sign(payload)
    if (
      !payload ||
      !signature ||
      rest.length > 0 ||
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    )
      throw new AppError('INVALID_ARGUMENT', 'cursor is not valid (use the nextCursor of a previous page)', {
        field: 'cursor',
      })
    const { u, b } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u: string; b: string }
    if (u !== readerId)
      throw new AppError('INVALID_ARGUMENT', "cursor belongs to another reader's feed", { field: 'cursor' })
    return { readerId: u, beforeId: b }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, 22)
  }
}

/** The cursor key is derived from the deployment's secret, so there is no extra secret to hand out. */
export const cursorKeyFrom = (secret: string): Buffer =>
  createHmac('sha256', secret).update('twitter feed cursor').digest()
