import { AppError, isAppError } from '@wired/runtime'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { failure } from './envelope'
import { codeForStatus, HTTP_STATUS } from './status'

/**
 * One central error handler (fastify/demo style): every error, whether thrown by a handler, a
 * hook, fastify's body parser, schema validation or a plugin, leaves through here as the
 * envelope. 5xx responses never carry details: the client gets the code, a generic or
 * deliberately chosen message and the request id; the full error goes to the log.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = isAppError(error) ? error : fromFastifyError(error)
    const status = isAppError(error) ? HTTP_STATUS[error.code] : (error.statusCode ?? 500)
    if (status >= 500) return sendServerError(appError, error, status, request, reply)
    if (appError.code === 'RATE_LIMITED' && !reply.hasHeader('retry-after')) {
      reply.header('retry-after', String(retryAfterSeconds(appError)))
    }
    request.log.info({ code: appError.code, status }, appError.message)
    return reply.code(status).send(failure(appError))
  })

  app.setNotFoundHandler((request, reply) => {
    const error = new AppError('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`)
    return reply.code(404).send(failure(error))
  })
}

function sendServerError(
  appError: AppError,
  original: unknown,
  status: number,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  request.log.error({ err: original, status }, 'request failed')
  // UNAVAILABLE and DEADLINE_EXCEEDED messages are chosen by our own code ("payments provider
  // unavailable") and help the client decide to retry; an INTERNAL message may leak anything.
  const message = appError.code === 'INTERNAL' ? 'internal error' : appError.message
  reply.header('request-id', request.id)
  return reply.code(status).send(failure({ code: appError.code, message }))
}

/** Fastify's own errors (FST_ERR_*) carry a statusCode; schema failures also carry `validation`. */
function fromFastifyError(error: FastifyError): AppError {
  if (error.validation) {
    const issues = error.validation.map((issue) => {
      const field = fieldOf(error.validationContext, issue.instancePath, issue.params)
      return { field, message: `${field} ${problemOf(issue)}` }
    })
    return new AppError('INVALID_ARGUMENT', issues.map((issue) => issue.message).join('; '), { issues })
  }
  const status = error.statusCode ?? 500
  if (status >= 500) return new AppError('INTERNAL', 'internal error')
  const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'request body is not valid JSON' : error.message
  return new AppError(codeForStatus(status), message)
}

/**
 * 'body' + '/items/0' + missing 'sku' → 'body/items/0/sku', the path a client can act on; an
 * unknown field is named the same way ('body/admin'), not by the object that holds it.
 */
function fieldOf(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
  const named = params.missingProperty ?? params.additionalProperty
  return `${context ?? 'body'}${instancePath}${typeof named === 'string' ? `/${named}` : ''}`
}

/** Ajv's words, except where they describe the parent object rather than the field itself. */
function problemOf(issue: { keyword: string; message?: string }): string {
  if (issue.keyword === 'required') return 'is required'
  if (issue.keyword === 'additionalProperties') return 'is not an accepted field'
  return issue.message ?? 'is invalid'
}

function retryAfterSeconds(error: AppError): number {
  const seconds = error.details?.retryAfterSeconds
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : 1
}
