import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'

/** A protocol-lab claim as its JSON report stores it (apps/protocol-lab/src/verdicts.ts, ClaimRow). */
export interface LabFigure {
  claim: string
  guideFigure: string
  measured: string
  verdict: string
  /** Which report it came from and when that ran. */
  report: string
}

const REPORTS = ['protocol-lab-full.json', 'protocol-lab-quick.json']

/**
 * The newest protocol-lab report on this machine (`./wired lab` writes it), as claim id →
 * figure, or an empty map when the lab has not run here yet.
 */
export function readLabFigures(reportsDir: string): Map<string, LabFigure> {
  const newest = REPORTS.map((name) => resolve(reportsDir, name))
    .filter((path) => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  const figures = new Map<string, LabFigure>()
  if (!newest) return figures
  const when = statSync(newest).mtime.toISOString().slice(0, 16).replace('T', ' ')
  const { claims } = JSON.parse(readFileSync(newest, 'utf8')) as {
    claims: { id: string; claim: string; guideFigure: string; measured: string; verdict: string }[]
  }
  for (const row of claims)
    figures.set(row.id, {
      claim: row.claim,
      guideFigure: row.guideFigure,
      measured: row.measured,
      verdict: row.verdict,
      report: `${newest.split('/').pop()}, ${when} UTC`,
    })
  return figures
}
