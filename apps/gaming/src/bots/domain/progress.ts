/** What the bots did since the last progress line, and the line itself. */
export interface BotTally {
  snapshots: number
  inputs: number
  events: number
  /** Events whose seq was not the next one: 0 means every TCP event arrived, in order. */
  seqFaults: number
  reconcileErrors: number[]
}

export const emptyTally = (): BotTally => ({ snapshots: 0, inputs: 0, events: 0, seqFaults: 0, reconcileErrors: [] })

export function progressLine(playing: number, bots: number, tally: BotTally, seconds: number): string {
  const sorted = [...tally.reconcileErrors].sort((a, b) => a - b)
  const p99 = sorted.length ? (sorted[Math.floor(sorted.length * 0.99)] as number) : 0
  const rate = (n: number) => Math.round(n / seconds)
  return (
    `bots ${playing}/${bots} playing · snapshots ${rate(tally.snapshots)}/s · inputs ${rate(tally.inputs)}/s · ` +
    `reconcile error p99 ${p99.toFixed(2)} units · events ${tally.events} (${tally.seqFaults === 0 ? 'all in order' : `${tally.seqFaults} out of order`})`
  )
}
