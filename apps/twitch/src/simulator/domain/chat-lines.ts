/** What the simulated chatters say: plain lines, and some with emotes from the chat servers' fixed set. */
const LINES = [
  'hello chat',
  'gg',
  'that clock is mesmerising',
  'first time here :HeyGuys:',
  ':PogChamp: :PogChamp:',
  'is this live? :Kappa:',
  'nice colours',
  ':LUL:',
  'the tone is a perfect A :SeemsGood:',
  'lag? no lag',
]

export const chatLine = (random: () => number): string => LINES[Math.floor(random() * LINES.length)] as string

/** What happened since the last progress line. */
export interface SimTally {
  sent: number
  received: number
  refused: number
}

export const emptyTally = (): SimTally => ({ sent: 0, received: 0, refused: 0 })

export function progressLine(
  state: { live: number; streams: number; connected: number; chatters: number },
  tally: SimTally,
  seconds: number,
): string {
  const rate = (n: number) => (n / seconds).toFixed(1)
  return (
    `streams ${state.live}/${state.streams} live · chatters ${state.connected}/${state.chatters} connected · ` +
    `chat sent ${rate(tally.sent)}/s · received ${rate(tally.received)}/s · refused ${tally.refused}`
  )
}
