import type { LabFigure } from './lab-figures'
import { watchIt } from './protocols'
import type { Recommendation, Scored } from './recommend'

/** The recommendation as terminal text: the pick with its reasons, the lab's figure, the rest with why not. */
export function renderText(recommendation: Recommendation, lab: Map<string, LabFigure>): string {
  const lines: string[] = []
  for (const pick of recommendation.recommended) {
    lines.push(`use ${pick.protocol.name}  (score ${pick.score}): ${pick.protocol.strength}`)
    for (const reason of pick.for) lines.push(`    + ${reason}`)
    for (const reason of pick.against) lines.push(`    - ${reason}`)
    lines.push(`    measured: ${labLine(pick, lab)}`)
    lines.push(`    watch it: ${watchIt(pick.protocol)}`)
  }
  lines.push('not chosen:')
  for (const other of recommendation.rejected)
    lines.push(
      `    ${other.protocol.name.padEnd(20)} ${other.excluded ? 'ruled out' : `score ${other.score}`}: ${other.against[0]}`,
    )
  return lines.join('\n')
}

export function labLine(pick: Scored, lab: Map<string, LabFigure>): string {
  if (!pick.protocol.labClaim) return 'the protocol lab does not measure it'
  const figure = lab.get(pick.protocol.labClaim)
  if (!figure) return `no lab report on this machine yet (run ./wired lab); claim '${pick.protocol.labClaim}'`
  return `${figure.claim}: guide ${figure.guideFigure}, this machine ${figure.measured} (${figure.verdict}; ${figure.report})`
}
