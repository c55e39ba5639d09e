export * from './client'
export * from './handlers'
export * from './server'
export { fromServiceError, toErrorStatus } from './status'
