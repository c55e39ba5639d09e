import { Metadata, type ServiceError, status } from '@grpc/grpc-js'
import { AppError } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { fromServiceError, INTERNAL_CAUSE, toErrorStatus } from '../src/status'

const serviceError = (code: status, details: string, metadata = new Metadata()): ServiceError =>
  Object.assign(new Error(details), { code, details, metadata })

describe('AppError → gRPC status', () => {
  it.each([
    ['INVALID_ARGUMENT', status.INVALID_ARGUMENT],
    ['CONFLICT', status.ABORTED],
    ['RATE_LIMITED', status.RESOURCE_EXHAUSTED],
    ['PAYLOAD_TOO_LARGE', status.RESOURCE_EXHAUSTED],
    ['DEADLINE_EXCEEDED', status.DEADLINE_EXCEEDED],
  ] as const)('%s is sent as status %i with the exact code in metadata', (code, grpcStatus) => {
    const sent = toErrorStatus(new AppError(code, 'nope'))
    expect(sent.code).toBe(grpcStatus)
    expect(sent.details).toBe('nope')
    expect(sent.metadata?.get('wired-error-code')).toEqual([code])
    expect(sent[INTERNAL_CAUSE]).toBeUndefined()
  })

  it('keeps the cause of an unknown error out of the status', () => {
    const cause = new TypeError('x is undefined')
    const sent = toErrorStatus(cause)
    expect(sent).toMatchObject({ code: status.INTERNAL, details: 'internal error' })
    expect(sent.metadata?.get('wired-error-details-bin')).toEqual([])
    expect(sent[INTERNAL_CAUSE]).toBe(cause)
  })
})

describe('gRPC status → AppError', () => {
  it('prefers the code the server put in metadata', () => {
    const metadata = new Metadata()
    metadata.set('wired-error-code', 'RATE_LIMITED')
    expect(fromServiceError(serviceError(status.RESOURCE_EXHAUSTED, 'slow down', metadata))).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'slow down',
    })
  })

  it.each([
    [status.ABORTED, 'CONFLICT'],
    [status.RESOURCE_EXHAUSTED, 'RATE_LIMITED'],
    [status.CANCELLED, 'UNAVAILABLE'],
    [status.UNIMPLEMENTED, 'INTERNAL'],
    [status.UNKNOWN, 'INTERNAL'],
  ] as const)('maps a bare status %i (foreign server, grpc-js itself) to %s', (grpcStatus, code) => {
    expect(fromServiceError(serviceError(grpcStatus, 'x')).code).toBe(code)
  })

  it('ignores a metadata code that is not an AppError code', () => {
    const metadata = new Metadata()
    metadata.set('wired-error-code', 'TEAPOT')
    expect(fromServiceError(serviceError(status.NOT_FOUND, 'x', metadata)).code).toBe('NOT_FOUND')
  })
})
