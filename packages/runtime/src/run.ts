import { ConfigError } from './config'

/**
 * The tiny wrapper around every service's main(): `main` receives an AbortSignal that fires on
 * SIGINT/SIGTERM; it should start the service, await the signal, then stop it. A ConfigError
 * prints one line and exits 2; any other failure exits 1; a second signal forces exit.
 */
export function run(main: (signal: AbortSignal) => Promise<void>): void {
  const controller = new AbortController()
  let firstSignalAt: number | undefined
  const onSignal = (name: NodeJS.Signals) => {
    // Ctrl-C reaches every process of the terminal's group, and a wrapper (pnpm, tsx) forwards
    // it to its child as well: the same keypress can arrive twice within milliseconds. Only a
    // second signal a moment later is a person insisting.
    const now = Date.now()
    if (firstSignalAt === undefined) firstSignalAt = now
    else if (now - firstSignalAt > 500) {
      console.error(`received ${name} again, exiting now`)
      process.exit(130)
    }
    controller.abort(name)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  main(controller.signal).then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(error.message)
        process.exit(2)
      }
      console.error(error)
      process.exit(1)
    },
  )
}

/** Resolves when the signal aborts (or at once if it already has). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}
