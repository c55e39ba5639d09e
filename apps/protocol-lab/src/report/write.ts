import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LabResults } from '../lab'
import type { ClaimRow } from '../verdicts'
import { htmlReport } from './html'

export interface WrittenReport {
  json: string
  html: string
}

/** Writes `protocol-lab-<plan>.json` (raw numbers and verdicts) and `.html` into `dir`. */
export function writeReport(dir: string, results: LabResults, claims: ClaimRow[]): WrittenReport {
  mkdirSync(dir, { recursive: true })
  const base = join(dir, `protocol-lab-${results.plan.name}`)
  const paths = { json: `${base}.json`, html: `${base}.html` }
  writeFileSync(paths.json, `${JSON.stringify({ results, claims }, null, 2)}\n`)
  writeFileSync(paths.html, htmlReport(results, claims))
  return paths
}
