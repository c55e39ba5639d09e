import type { AppError, ErrorCode } from '@wired/runtime'

/**
 * The response envelope from the guide's REST section: every body, success or failure, has the
 * same three keys, so a client can always read `errors` first and never guess the shape.
 */
export interface ErrorBody {
  code: ErrorCode
  message: string
  details?: Record<string, unknown>
}

export interface SuccessEnvelope<T, M = Record<string, unknown>> {
  data: T
  meta?: M
  errors: []
}

export interface FailureEnvelope {
  data: null
  errors: ErrorBody[]
}

export type Envelope<T> = SuccessEnvelope<T> | FailureEnvelope

/** Wraps a handler's result: `return ok(ride)` or `return ok(page, { cursor, total })`. */
export function ok<T, M extends Record<string, unknown>>(data: T, meta?: M): SuccessEnvelope<T, M> {
  return meta === undefined ? { data, errors: [] } : { data, meta, errors: [] }
}

export function failure(error: Pick<AppError, 'code' | 'message' | 'details'>): FailureEnvelope {
  const body: ErrorBody = { code: error.code, message: error.message }
  if (error.details !== undefined) body.details = error.details
  return { data: null, errors: [body] }
}
