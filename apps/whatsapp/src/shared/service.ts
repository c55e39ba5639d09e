import type { Logger } from '@wired/runtime'

/** What every service's createXService returns: start() binds its ports and says where they are. */
export interface Service<Endpoints> {
  start(): Promise<Endpoints>
  /** Stops taking work, finishes what is in flight, closes connections. Safe to call twice. */
  stop(): Promise<void>
}

/** Runs cleanup steps in reverse order of setup, once, and even if one of them fails. */
export class Shutdown {
  private readonly steps: Array<() => unknown> = []
  private done: Promise<void> | undefined

  constructor(private readonly logger?: Logger) {}

  defer(step: () => unknown): void {
    this.steps.push(step)
  }

  run(): Promise<void> {
    this.done ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step()
        } catch (error) {
          // Keep going: a failed close must not leave the other resources open.
          this.logger?.warn({ err: error }, 'shutdown step failed')
        }
      }
    })()
    return this.done
  }
}
