import { readOptionalString } from '@wired/runtime'

/**
 * One clock for every lab process. `process.hrtime` reads CLOCK_MONOTONIC, which on Linux is
 * system-wide: a timestamp taken in the server process can be subtracted from one taken in the
 * client process. That is what lets the lab time one-way delivery (server event → client
 * handler) instead of halving a round trip. Timestamps are nanoseconds since an epoch the lab
 * picks once and hands to its children, so they stay far below 2^53 and travel as plain numbers.
 */
export const LAB_EPOCH_KEY = 'WIRED_LAB_EPOCH_NS'

const inherited = readOptionalString(process.env, LAB_EPOCH_KEY)
const epochNs = inherited === undefined ? process.hrtime.bigint() : BigInt(inherited)

export function nowNs(): number {
  return Number(process.hrtime.bigint() - epochNs)
}

/** The environment entry a child process needs to share this process's clock. */
export function clockEnv(): Record<string, string> {
  return { [LAB_EPOCH_KEY]: String(epochNs) }
}

export function nsToMs(ns: number): number {
  return ns / 1e6
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `predicate` every `intervalMs` until it holds (true) or `timeoutMs` passes (false). */
export async function until(predicate: () => boolean, timeoutMs: number, intervalMs = 2): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!predicate()) {
    if (performance.now() > deadline) return false
    await sleep(intervalMs)
  }
  return true
}
