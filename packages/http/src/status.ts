import type { ErrorCode } from '@wired/runtime'

/**
 * AppError code → HTTP status: the one place the HTTP edge translates domain errors.
 *
 * FAILED_PRECONDITION maps to 409, not 412: RFC 9110 reserves 412 for conditional request
 * headers (If-Match, If-Unmodified-Since) that the client sent and the server evaluated. A
 * domain precondition such as "this ride is already completed" is a conflict with the current
 * state of the resource, which is what 409 says. The `code` in the body tells the three 409s
 * (ALREADY_EXISTS, CONFLICT, FAILED_PRECONDITION) apart.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  FAILED_PRECONDITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
}

const CODE_FOR_STATUS: ReadonlyMap<number, ErrorCode> = new Map([
  [400, 'INVALID_ARGUMENT'],
  [401, 'UNAUTHENTICATED'],
  [403, 'PERMISSION_DENIED'],
  [404, 'NOT_FOUND'],
  [408, 'DEADLINE_EXCEEDED'],
  [409, 'CONFLICT'],
  [413, 'PAYLOAD_TOO_LARGE'],
  [415, 'UNSUPPORTED_MEDIA_TYPE'],
  [429, 'RATE_LIMITED'],
  [503, 'UNAVAILABLE'],
  [504, 'DEADLINE_EXCEEDED'],
])

/** For errors raised by fastify or its plugins, which carry a status but no AppError code. */
export function codeForStatus(status: number): ErrorCode {
  return CODE_FOR_STATUS.get(status) ?? (status >= 400 && status < 500 ? 'INVALID_ARGUMENT' : 'INTERNAL')
}
