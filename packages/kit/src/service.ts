import type { Logger } from '@wired/runtime'

/**
 * Where a started service can be reached, e.g. `{ grpc: '127.0.0.1:50062' }` or
 * `{ http: 'http://127.0.0.1:8080', ws: 'ws://127.0.0.1:8080/ws' }`. A consumer-only service
 * listens nowhere and returns `{}`.
 */
export type Endpoints = Record<string, string>

/**
 * The one shape of every service in every scenario: `createService(config, deps?)` in the
 * service's `service.ts` returns this. `start()` opens what the service needs (database,
 * brokers, listeners) and resolves with its endpoints; `stop()` undoes it in reverse order.
 * `ready` settles with the same endpoints once start() has finished, for code that did not
 * call start() itself (a supervisor, a test).
 */
export interface Service<E extends Endpoints = Endpoints> {
  start(): Promise<E>
  /** Stops taking work, finishes what is in flight, closes connections. Safe to call twice. */
  stop(): Promise<void>
  readonly ready: Promise<E>
}

/** Runs cleanup steps in reverse order of setup, once, and even if one of them fails. */
export class Shutdown {
  private readonly steps: Array<() => unknown> = []
  private done: Promise<void> | undefined

  constructor(private readonly logger?: Logger) {}

  /** Registers the undo of something just opened: it runs before the undo of anything opened earlier. */
  defer(step: () => unknown): void {
    this.steps.push(step)
  }

  run(): Promise<void> {
    this.done ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step()
        } catch (error) {
          // Keep going: one failed close must not leave the other resources open.
          this.logger?.warn({ err: error }, 'shutdown step failed')
        }
      }
    })()
    return this.done
  }
}

/**
 * Builds a Service from one start function. Everything `start` opens, it registers with
 * `shutdown.defer(...)` right after opening it, so a failure halfway through start() closes what
 * was already open, and stop() closes everything in dependency order (listeners first, the
 * database last).
 */
export function defineService<E extends Endpoints>(
  start: (shutdown: Shutdown) => Promise<E>,
  logger?: Logger,
): Service<E> {
  const shutdown = new Shutdown(logger)
  let settle: { resolve(value: E): void; reject(error: unknown): void } | undefined
  const ready = new Promise<E>((resolve, reject) => {
    settle = { resolve, reject }
  })
  ready.catch(() => {}) // nobody has to await `ready`; a failed start is reported by start() itself
  let starting: Promise<E> | undefined
  return {
    ready,
    start() {
      starting ??= start(shutdown).then(
        (endpoints) => {
          settle?.resolve(endpoints)
          return endpoints
        },
        async (error: unknown) => {
          settle?.reject(error)
          await shutdown.run()
          throw error
        },
      )
      return starting
    },
    stop: () => shutdown.run(),
  }
}
