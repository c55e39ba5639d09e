export { bearerAuth, bearerToken, type Principal, requirePrincipal } from './auth'
export { type Envelope, type ErrorBody, type FailureEnvelope, failure, ok, type SuccessEnvelope } from './envelope'
export { installErrorHandling } from './error-handler'
export type { ReadinessCheck } from './health'
export { captureIdempotentResponses, type IdempotencyOptions, idempotent } from './idempotency'
export {
  type IdempotencyRecord,
  type IdempotencyStore,
  memoryIdempotencyStore,
  type StoredResponse,
} from './idempotency-store'
export { createHttpServer, type HttpServerOptions } from './server'
export { codeForStatus, HTTP_STATUS } from './status'
export { serveWirePanel } from './wire-panel'
