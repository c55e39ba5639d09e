import { Metadata, type ServiceError, type StatusObject, status } from '@grpc/grpc-js'
import { AppError, ERROR_CODES, type ErrorCode, toAppError } from '@wired/runtime'

/**
 * AppError ↔ gRPC status, in one table. gRPC has fewer codes than AppError (no CONFLICT, no
 * RATE_LIMITED), so the exact AppError code also travels in a trailing metadata entry and the
 * client restores it; a non-Wired client still gets a sensible standard status.
 */
const STATUS_FOR_CODE: Record<ErrorCode, status> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  // ABORTED is gRPC's "concurrency conflict, retry at a higher level" (e.g. a lost version check).
  CONFLICT: status.ABORTED,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  // gRPC itself answers RESOURCE_EXHAUSTED when a message exceeds max_receive_message_length.
  PAYLOAD_TOO_LARGE: status.RESOURCE_EXHAUSTED,
  UNSUPPORTED_MEDIA_TYPE: status.INVALID_ARGUMENT,
  RATE_LIMITED: status.RESOURCE_EXHAUSTED,
  DEADLINE_EXCEEDED: status.DEADLINE_EXCEEDED,
  UNAVAILABLE: status.UNAVAILABLE,
  INTERNAL: status.INTERNAL,
}

/** For statuses that arrive without our metadata: from grpc-js itself or a foreign server. */
const CODE_FOR_STATUS: Partial<Record<status, ErrorCode>> = {
  [status.INVALID_ARGUMENT]: 'INVALID_ARGUMENT',
  [status.OUT_OF_RANGE]: 'INVALID_ARGUMENT',
  [status.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [status.PERMISSION_DENIED]: 'PERMISSION_DENIED',
  [status.NOT_FOUND]: 'NOT_FOUND',
  [status.ALREADY_EXISTS]: 'ALREADY_EXISTS',
  [status.ABORTED]: 'CONFLICT',
  [status.FAILED_PRECONDITION]: 'FAILED_PRECONDITION',
  [status.RESOURCE_EXHAUSTED]: 'RATE_LIMITED',
  [status.DEADLINE_EXCEEDED]: 'DEADLINE_EXCEEDED',
  [status.UNAVAILABLE]: 'UNAVAILABLE',
  // The call was cancelled (by this client, or the server went away mid-call).
  [status.CANCELLED]: 'UNAVAILABLE',
}

export const ERROR_CODE_KEY = 'wired-error-code'
/** `-bin` keys carry bytes, so details may hold any UTF-8; plain metadata values must be ASCII. */
export const ERROR_DETAILS_KEY = 'wired-error-details-bin'

/** Marks a status produced from an unknown error, so the server can log what the client never sees. */
export const INTERNAL_CAUSE: unique symbol = Symbol('wired.grpc.internalCause')

export type ErrorStatus = Pick<StatusObject, 'code' | 'details' | 'metadata'> & { [INTERNAL_CAUSE]?: unknown }

/** What a handler's thrown value becomes on the wire. Unknown errors become a bare INTERNAL. */
export function toErrorStatus(error: unknown): ErrorStatus {
  const appError = toAppError(error)
  const metadata = new Metadata()
  metadata.set(ERROR_CODE_KEY, appError.code)
  if (appError.code !== 'INTERNAL' && appError.details)
    metadata.set(ERROR_DETAILS_KEY, Buffer.from(JSON.stringify(appError.details)))
  const errorStatus: ErrorStatus = { code: STATUS_FOR_CODE[appError.code], details: appError.message, metadata }
  if (appError !== error) errorStatus[INTERNAL_CAUSE] = error
  return errorStatus
}

/** What a failed call becomes for the caller: always an AppError, never a raw ServiceError. */
export function fromServiceError(error: ServiceError): AppError {
  const sent = error.metadata?.get(ERROR_CODE_KEY)[0]
  const code = isErrorCode(sent) ? sent : (CODE_FOR_STATUS[error.code] ?? 'INTERNAL')
  return new AppError(code, error.details || status[error.code] || 'grpc call failed', readDetails(error.metadata))
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && 'details' in error
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

function readDetails(metadata: Metadata | undefined): Record<string, unknown> | undefined {
  const raw = metadata?.get(ERROR_DETAILS_KEY)[0]
  if (!Buffer.isBuffer(raw)) return undefined
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'))
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
