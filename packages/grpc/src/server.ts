import {
  type handleServerStreamingCall,
  type handleUnaryCall,
  Server,
  ServerCredentials,
  type ServiceDefinition,
  type UntypedHandleCall,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js'
import { type Logger, silentLogger } from '@wired/runtime'
import { Hops } from '@wired/wire'
import { HealthImplementation } from 'grpc-health-check'
import { authorizeCaller, type CallerPolicy, checkSecret } from './callers'
import { type ErrorStatus, INTERNAL_CAUSE, toErrorStatus } from './status'
import { withServerHops } from './tracing'

export interface GrpcServiceBinding {
  /** ts-proto's `XServiceService` constant. */
  definition: ServiceDefinition
  /** Handlers built with `unary()` / `serverStream()`, typed with ts-proto's `XServiceServer`. */
  implementation: UntypedServiceImplementation
  /**
   * For every method, the callers allowed to call it (see callers.ts): `{ sendMessages: ['gateway'] }`.
   * A method missing here fails at startup, like a missing handler.
   */
  callers: Readonly<Record<string, readonly string[]>>
}

/** A binding whose allow-list the compiler checks against the service's methods. */
export function grpcService<D extends ServiceDefinition>(
  definition: D,
  implementation: UntypedServiceImplementation,
  callers: CallerPolicy<D>,
): GrpcServiceBinding {
  return { definition, implementation, callers: callers as Readonly<Record<string, readonly string[]>> }
}

export interface ServeGrpcOptions {
  /** Default 127.0.0.1: insecure (plaintext) gRPC is for loopback and private networks only. */
  host?: string
  /** 0 asks the OS for a free port; the chosen one is returned. */
  port: number
  services: GrpcServiceBinding[]
  /** The deployment's GRPC_SECRET: callers prove their name with it. */
  secret: string
  logger?: Logger
}

export interface GrpcServer {
  port: number
  /** `host:port`, ready for `createGrpcClient`. */
  address: string
  server: Server
  /** Reports NOT_SERVING, lets calls in flight finish for up to `graceMs`, then cuts the rest. */
  stop(graceMs?: number): Promise<void>
}

/**
 * Starts a gRPC server with the given services plus the standard `grpc.health.v1.Health`
 * service, which load balancers and orchestrators probe: '' (the whole server) and each
 * service's full name report SERVING until stop() flips them to NOT_SERVING.
 */
export async function serveGrpc(options: ServeGrpcOptions): Promise<GrpcServer> {
  const { host = '127.0.0.1', port, services, secret, logger = silentLogger } = options
  checkSecret(secret)
  const server = new Server()
  const names = ['', ...services.map((service) => serviceName(service.definition))]
  const health = new HealthImplementation(Object.fromEntries(names.map((name) => [name, 'SERVING'])))
  health.addToServer(server)
  const hops = new Hops()
  // The health service stays open: load balancers and orchestrators probe it without a token.
  for (const { definition, implementation, callers } of services) {
    // Outermost: a call refused for its caller token is a hop too, marked failed.
    server.addService(
      definition,
      withServerHops(
        definition,
        withInternalErrorLog(definition, withCallerCheck(definition, implementation, callers, secret), logger),
        hops,
      ),
    )
  }

  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(target, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(new Error(`grpc: cannot listen on ${target}: ${error.message}`)) : resolve(bound),
    )
  })
  const address = `${host.includes(':') ? `[${host}]` : host}:${boundPort}`
  logger.info({ address, services: names.slice(1) }, 'grpc server listening')

  let stopping: Promise<void> | undefined
  const stop = (graceMs = 5_000) => {
    stopping ??= new Promise<void>((resolve) => {
      for (const name of names) health.setStatus(name, 'NOT_SERVING')
      const force = setTimeout(() => server.forceShutdown(), graceMs)
      server.tryShutdown(() => {
        clearTimeout(force)
        resolve()
      })
    })
    return stopping
  }
  return { port: boundPort, address, server, stop }
}

/** The service's full name (`wired.whatsapp.v1.ChatService`) from any method path. */
function serviceName(definition: ServiceDefinition): string {
  const [first] = Object.values(definition)
  if (!first) throw new Error('grpc: a service definition without methods cannot be served')
  return first.path.split('/')[1] ?? ''
}

/**
 * Checks every call's caller token against the method's allow-list before its handler runs.
 * Refuses to start when a method has no allow-list, or the list names a method that does not exist.
 */
function withCallerCheck(
  definition: ServiceDefinition,
  implementation: UntypedServiceImplementation,
  callers: Readonly<Record<string, readonly string[]>>,
  secret: string,
): UntypedServiceImplementation {
  const unknown = Object.keys(callers).filter((method) => !(method in definition))
  if (unknown.length > 0)
    throw new Error(`grpc: callers names methods the service does not have: ${unknown.join(', ')}`)
  const wrapped: Record<string, UntypedHandleCall> = {}
  for (const [method, { path, responseStream }] of Object.entries(definition)) {
    const allowed = callers[method]
    if (!allowed) throw new Error(`grpc: ${path} has no callers allow-list`)
    const handler = implementation[method]
    if (!handler) throw new Error(`grpc: ${path} has no handler in the implementation`)
    wrapped[method] = responseStream
      ? (((call) => {
          try {
            authorizeCaller(call.metadata, secret, path, allowed)
          } catch (error) {
            return void call.emit('error', toErrorStatus(error))
          }
          ;(handler as handleServerStreamingCall<unknown, unknown>)(call)
        }) satisfies handleServerStreamingCall<unknown, unknown>)
      : (((call, callback) => {
          try {
            authorizeCaller(call.metadata, secret, path, allowed)
          } catch (error) {
            return callback(toErrorStatus(error))
          }
          ;(handler as handleUnaryCall<unknown, unknown>)(call, callback)
        }) satisfies handleUnaryCall<unknown, unknown>)
  }
  return wrapped
}

/**
 * Clients only see "internal error"; the server log gets the real cause. Also refuses to start
 * with a method left unimplemented, rather than answering UNIMPLEMENTED at run time.
 */
function withInternalErrorLog(
  definition: ServiceDefinition,
  implementation: UntypedServiceImplementation,
  logger: Logger,
): UntypedServiceImplementation {
  const report = (path: string, error: unknown) => {
    const cause = (error as ErrorStatus | null)?.[INTERNAL_CAUSE]
    if (cause !== undefined) logger.error({ err: cause, method: path }, 'grpc handler failed')
  }
  const wrapped: Record<string, UntypedHandleCall> = {}
  for (const [method, { path, responseStream }] of Object.entries(definition)) {
    const handler = implementation[method]
    if (!handler) throw new Error(`grpc: ${path} has no handler in the implementation`)
    wrapped[method] = responseStream
      ? (((call) => {
          call.on('error', (error: unknown) => report(path, error))
          ;(handler as handleServerStreamingCall<unknown, unknown>)(call)
        }) satisfies handleServerStreamingCall<unknown, unknown>)
      : (((call, callback) =>
          (handler as handleUnaryCall<unknown, unknown>)(call, (error, value) => {
            report(path, error)
            callback(error, value)
          })) satisfies handleUnaryCall<unknown, unknown>)
  }
  return wrapped
}
