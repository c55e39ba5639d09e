import { setTimeout as sleep } from 'node:timers/promises'

/** Waits, or returns early (without throwing) once the simulator is stopping. */
export const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => undefined)
