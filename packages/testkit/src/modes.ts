/**
 * Every scenario test runs twice: against the in-process twins (embedded mode) and against real
 * Kafka, Redis, PostgreSQL and Mosquitto. `describe.each(runModes())('%s', ...)`.
 * WIRED_TEST_MODES=embedded (or real) narrows it for a quick local loop; CI runs both.
 */
export type RunMode = 'embedded' | 'real'

export function runModes(): RunMode[] {
  const only = process.env.WIRED_TEST_MODES
  if (!only) return ['embedded', 'real']
  const modes = only.split(',').map((mode) => mode.trim())
  for (const mode of modes)
    if (mode !== 'embedded' && mode !== 'real') throw new Error(`WIRED_TEST_MODES: unknown mode '${mode}'`)
  return modes as RunMode[]
}
