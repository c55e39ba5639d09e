/** Twelve colours readable on white; a session keeps its colour for its lifetime. */
const PALETTE = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#008080',
  '#f032e6',
  '#9a6324',
  '#800000',
  '#808000',
  '#000075',
  '#46a0a0',
]

/** Picked from the session id, so every replica paints a session the same colour without asking. */
export function sessionColour(sessionId: string): string {
  let hash = 0
  for (const ch of sessionId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return PALETTE[hash % PALETTE.length]!
}
