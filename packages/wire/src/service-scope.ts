import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * Which service a hop belongs to. In the embedded mode every service of a scenario shares one
 * process, so "this process" does not name the service: the kit starts each service inside
 * `runAsService(name, ...)`, and each transport (a gRPC client, a Kafka log, a WebSocket gateway)
 * reads the name once, when it is created, and tags every hop it makes with it. A process that
 * runs one service (main.ts) names it once with `nameThisProcess`.
 */
const scope = new AsyncLocalStorage<string>()
let processService = 'unknown-service'

export function runAsService<T>(service: string, work: () => T): T {
  return scope.run(service, work)
}

export function nameThisProcess(service: string): void {
  processService = service
}

/** The service being created or started right now; transports call it in their constructors. */
export function currentService(): string {
  return scope.getStore() ?? processService
}
