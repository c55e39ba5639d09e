import { AppError } from '@wired/runtime'

export interface Watermarks {
  deliveredSeq: number
  readSeq: number
}

/**
 * Receipts are watermarks, like TCP's cumulative acknowledgement: "delivered up to 41" stands
 * for forty-one per-message receipts, so one row per (conversation, member) is enough and a
 * late or repeated receipt can only move a watermark forward, never back. Reading implies
 * having received, so a read watermark also lifts the delivered one.
 *
 * Returns the new watermarks, or undefined when nothing moved (then nothing is published).
 */
export function advanceWatermarks(
  current: Watermarks,
  kind: 'delivered' | 'read',
  upToSeq: number,
  lastSeq: number,
): Watermarks | undefined {
  if (!Number.isSafeInteger(upToSeq) || upToSeq < 1)
    throw new AppError('INVALID_ARGUMENT', 'seq must be a positive integer', { field: 'seq' })
  if (upToSeq > lastSeq)
    throw new AppError('INVALID_ARGUMENT', `seq ${upToSeq} is beyond the last message (${lastSeq})`, { field: 'seq' })
  const next =
    kind === 'delivered'
      ? { deliveredSeq: Math.max(current.deliveredSeq, upToSeq), readSeq: current.readSeq }
      : { deliveredSeq: Math.max(current.deliveredSeq, upToSeq), readSeq: Math.max(current.readSeq, upToSeq) }
  const moved = next.deliveredSeq !== current.deliveredSeq || next.readSeq !== current.readSeq
  return moved ? next : undefined
}
