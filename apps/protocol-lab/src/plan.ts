/**
 * How much the lab measures. `quick` fits in under two minutes on a 2-core machine; `full`
 * takes longer and gives steadier tails; `smoke` is the test suite's small fixture.
 * Every protocol gets the same numbers: same payload, same number of calls, same concurrency.
 */
export interface LabPlan {
  name: 'quick' | 'full' | 'smoke'
  /** Repetitions of each timed measurement; the report takes the median run. */
  runs: number
  /** Calls made (and thrown away) before timing, so JIT, connection setup and caches settle. */
  warmupCalls: number
  /** Sequential calls per run at concurrency 1, for p50/p99. */
  latencyCalls: number
  /** In-flight calls during the throughput runs. */
  concurrency: number
  throughputMs: number
  pushWarmup: number
  pushCount: number
  pushIntervalMs: number
  /** Exchanges (or events) averaged in the bytes-on-the-wire pass. */
  byteSamples: number
  /** Simulated hour of the polling vs WebSocket example runs this many times faster than real time. */
  hourCompression: number
  datagramCount: number
  datagramIntervalMs: number
  firstMessageCount: number
  /** Induced impairment for the TCP vs UDP loss rows (a WAN-like path). */
  loss: { rate: number; oneWayDelayMs: number; retransmitAfterMs: number; seed: number }
}

/**
 * A WAN-like path: 20 ms one way (40 ms round trip), 2% loss. A lost TCP segment is resent by
 * fast retransmit once three later segments have drawn duplicate ACKs: about one round trip
 * plus three send intervals (40 + 3 × 5 = 55 ms) after it should have arrived. That is the
 * kind case for TCP; with sparse traffic the sender waits for its retransmission timer instead
 * (at least 200 ms on Linux).
 */
const loss = { rate: 0.02, oneWayDelayMs: 20, retransmitAfterMs: 55, seed: 42 }

export const plans: Record<LabPlan['name'], LabPlan> = {
  full: {
    name: 'full',
    runs: 5,
    warmupCalls: 1000,
    latencyCalls: 2000,
    concurrency: 16,
    throughputMs: 3000,
    pushWarmup: 100,
    pushCount: 500,
    pushIntervalMs: 5,
    byteSamples: 100,
    hourCompression: 360,
    datagramCount: 1000,
    datagramIntervalMs: 5,
    firstMessageCount: 200,
    loss,
  },
  quick: {
    name: 'quick',
    runs: 3,
    warmupCalls: 200,
    latencyCalls: 300,
    concurrency: 16,
    throughputMs: 500,
    pushWarmup: 20,
    pushCount: 100,
    pushIntervalMs: 5,
    byteSamples: 20,
    hourCompression: 2000,
    datagramCount: 200,
    datagramIntervalMs: 5,
    firstMessageCount: 50,
    loss,
  },
  smoke: {
    name: 'smoke',
    runs: 2,
    warmupCalls: 20,
    latencyCalls: 40,
    concurrency: 8,
    throughputMs: 200,
    pushWarmup: 5,
    pushCount: 20,
    pushIntervalMs: 5,
    byteSamples: 10,
    hourCompression: 4000,
    datagramCount: 100,
    datagramIntervalMs: 5,
    firstMessageCount: 10,
    loss,
  },
}
