import type { ItemError } from '@wired/proto/whatsapp/v1/message'
import { AppError, ERROR_CODES, type ErrorCode, toAppError } from '@wired/runtime'

/** The most items one SendMessages or MarkReceipts call may carry. */
export const MAX_BATCH_ITEMS = 500

/**
 * One refused item of a batched RPC (SendMessages, MarkReceipts), carried in the response
 * instead of the call's status, so the rest of the batch still succeeds. The same rules as a
 * failed call: the exact error code travels, details only for the caller's own mistakes, and
 * an unexpected failure becomes a bare INTERNAL.
 */
export function toItemError(error: unknown): ItemError {
  const { code, message, details } = toAppError(error)
  return { code, message, detailsJson: details && code !== 'INTERNAL' ? JSON.stringify(details) : '' }
}

export function fromItemError({ code, message, detailsJson }: ItemError): AppError {
  const known = (ERROR_CODES as readonly string[]).includes(code)
  return new AppError(
    known ? (code as ErrorCode) : 'INTERNAL',
    message,
    detailsJson ? JSON.parse(detailsJson) : undefined,
  )
}
