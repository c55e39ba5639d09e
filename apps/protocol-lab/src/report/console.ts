import type { LabResults } from '../lab'
import type { ClaimRow } from '../verdicts'
import { claimSections, measurementSections, type Section } from './sections'
import { textTable } from './table'

function render(section: Section): string {
  const rows = section.rows.map((row, index) =>
    section.loud?.includes(index) ? row.map((cell, c) => (c === 0 ? `!! ${cell}` : cell)) : row,
  )
  return `\n## ${section.title}\n${textTable(section.headers, rows)}`
}

/** Everything the lab found, as text for the terminal. */
export function consoleReport(results: LabResults, claims: ClaimRow[]): string {
  const lines = [...measurementSections(results), ...claimSections(claims)].map(render)
  if (results.notMeasured.length > 0)
    lines.push(
      `\n!! NOT MEASURED on this machine: ${results.notMeasured.map((entry) => `${entry.label} (${entry.reason})`).join('; ')}`,
    )
  return lines.join('\n')
}
