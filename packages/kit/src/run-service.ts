import { rmSync, writeFileSync } from 'node:fs'
import { createLogger, type Env, type Logger, readOptionalString, run, untilAborted } from '@wired/runtime'
import { installTracing, readWireConfig } from '@wired/wire'
import type { ServiceDeps } from './deps'
import type { Endpoints, Service } from './service'

export interface ServiceModule<C extends { logLevel: string }, E extends Endpoints> {
  /** The name in logs, e.g. `whatsapp-message`. */
  name: string
  loadConfig(env: Env): C
  createService(config: C, deps?: ServiceDeps): Service<E>
}

/** The line a supervisor (test harness, compose healthcheck reader, a person) waits for. */
export const READY_MESSAGE = 'service started'

/**
 * The whole of every service's main.ts: env → config → createService → start, print one
 * readiness line with the endpoints (and write READY_FILE if set), wait for SIGINT/SIGTERM,
 * stop, exit 0. A bad env value
 * exits 2 with one line naming the key (run() in @wired/runtime); a failed start exits 1.
 */
export function runService<C extends { logLevel: string }, E extends Endpoints>(module: ServiceModule<C, E>): void {
  run(async (signal) => {
    // READY_FILE: the same readiness for a container healthcheck (`test -f`), for services
    // that listen on nothing a probe could ask (Kafka consumers). A restarted container may
    // still hold the file of its previous run, so it goes first.
    const readyFile = readOptionalString(process.env, 'READY_FILE')
    if (readyFile) rmSync(readyFile, { force: true })
    const config = module.loadConfig(process.env)
    const logger = createLogger(module.name, config.logLevel)
    // The wire view: spans to WIRE_COLLECTOR_URL, named after this service (replicas share it).
    const tracing = installTracing(
      readWireConfig(process.env),
      readOptionalString(process.env, 'WIRE_SERVICE_NAME') ?? module.name,
    )
    const service = module.createService(config, { logger })
    announceReady(logger, await service.start())
    await untilAborted(signal)
    if (readyFile) rmSync(readyFile, { force: true })
    await service.stop()
    await tracing?.flush()
  })
}

/**
 * The readiness line, printed at any LOG_LEVEL (the supervisor and people reading compose logs
 * wait for it), and READY_FILE written for a container healthcheck. runService calls it; a
 * main.ts not yet on runService calls it itself once its service has started.
 */
export function announceReady(logger: Logger, details: Record<string, unknown>): void {
  logger.child({}, { level: 'info' }).info(details, READY_MESSAGE)
  const readyFile = readOptionalString(process.env, 'READY_FILE')
  if (readyFile) writeFileSync(readyFile, `${JSON.stringify(details)}\n`)
}
