/**
 * Every scenario test runs against the in-process twins (embedded), against real Kafka, Redis,
 * PostgreSQL and Mosquitto with a process per service (real), and against the scenario's compose
 * profile (compose): `describe.each(runModes())('%s', ...)`.
 * WIRED_TEST_MODES narrows or widens it: the default is embedded and real; CI runs compose as
 * its own pass (`WIRED_TEST_MODES=compose`) once the profile is up.
 */
export type RunMode = 'embedded' | 'real' | 'compose'

const KNOWN: RunMode[] = ['embedded', 'real', 'compose']

export function runModes(): RunMode[] {
  const only = process.env.WIRED_TEST_MODES
  if (!only) return ['embedded', 'real']
  const modes = only.split(',').map((mode) => mode.trim())
  for (const mode of modes)
    if (!KNOWN.includes(mode as RunMode)) throw new Error(`WIRED_TEST_MODES: unknown mode '${mode}'`)
  return modes as RunMode[]
}
