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
import { HealthImplementation } from 'grpc-health-check'
import { type ErrorStatus, INTERNAL_CAUSE } from './status'

export interface GrpcServiceBinding {
  /** ts-proto's `XServiceService` constant. */
  definition: ServiceDefinition
  /** Handlers built with `unary()` / `serverStream()`, typed with ts-proto's `XServiceServer`. */
  implementation: UntypedServiceImplementation
}

export interface ServeGrpcOptions {
  /** Default 127.0.0.1: insecure (plaintext) gRPC is for loopback and private networks only. */
  host?: string
  /** 0 asks the OS for a free port; the chosen one is returned. */
  port: number
  services: GrpcServiceBinding[]
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
  const { host = '127.0.0.1', port, services, logger = silentLogger } = options
  const server = new Server()
  const names = ['', ...services.map((service) => serviceName(service.definition))]
  const health = new HealthImplementation(Object.fromEntries(names.map((name) => [name, 'SERVING'])))
  health.addToServer(server)
  for (const { definition, implementation } of services) {
    server.addService(definition, withInternalErrorLog(definition, implementation, logger))
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
