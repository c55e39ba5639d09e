import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { LabResults } from '../lab'
import type { ClaimRow } from '../verdicts'
import { buildCharts } from './charts'
import { claimSections, measurementSections, type Section } from './sections'

/**
 * One self-contained HTML file: the tables, and charts drawn by Chart.js, whose UMD build is
 * copied in from node_modules so the page renders offline, from disk, years from now.
 */
function chartJsSource(): string {
  const entry = createRequire(import.meta.url).resolve('chart.js')
  return readFileSync(join(dirname(entry), 'chart.umd.min.js'), 'utf8')
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Data embedded in a <script> must not be able to close it. */
const embed = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

const verdictClass: Record<string, string> = {
  holds: 'holds',
  'does not hold': 'fails',
  'holds only at WAN latency': 'wan',
  'not measured': 'missing',
}

function table(section: Section, verdictColumn?: number): string {
  const head = section.headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')
  const body = section.rows
    .map((row, index) => {
      const loud = section.loud?.includes(index) ? ' class="loud"' : ''
      const cells = row
        .map((cell, column) => {
          const css = column === verdictColumn ? ` class="${verdictClass[cell] ?? ''}"` : ''
          return `<td${css}>${escapeHtml(cell)}</td>`
        })
        .join('')
      return `<tr${loud}>${cells}</tr>`
    })
    .join('\n')
  return `<h2>${escapeHtml(section.title)}</h2>\n<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}

export function htmlReport(results: LabResults, claims: ClaimRow[]): string {
  const charts = buildCharts(results)
  const missing = results.notMeasured.length
    ? `<p class="loud">NOT MEASURED on this machine: ${escapeHtml(results.notMeasured.map((n) => `${n.label} (${n.reason})`).join('; '))}</p>`
    : ''
  const { machine, plan } = results
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Wired protocol lab: ${escapeHtml(plan.name)} run</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222 }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1.5em } th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top }
th { background: #f3f3f3 } .holds { background: #dff0d8 } .fails { background: #f2dede } .wan { background: #fcf8e3 }
.missing, .loud { background: #e15759; color: #fff; font-weight: bold } figure { margin: 1.5em 0 } figcaption { color: #555 }
</style></head><body>
<h1>Wired protocol lab</h1>
<p>The guide's protocol figures, measured on this machine: ${machine.cpus} × ${escapeHtml(machine.cpuModel)}, Node ${escapeHtml(machine.node)}, ${escapeHtml(machine.platform)};
${escapeHtml(plan.name)} plan (${plan.runs} runs, median reported); ${escapeHtml(results.startedAt)} to ${escapeHtml(results.finishedAt)}.
Client and server run in separate processes on loopback: no network, so what remains is each protocol's own cost in Node.
See <code>apps/protocol-lab/README.md</code> for the method and for why many figures differ from the guide's.</p>
${missing}
${claimSections(claims)
  .map((section) => table(section, 3))
  .join('\n')}
${charts.map((chart) => `<figure><h2>${escapeHtml(chart.title)}</h2><canvas id="${chart.id}"></canvas><figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`).join('\n')}
${measurementSections(results)
  .map((section) => table(section))
  .join('\n')}
<script>${chartJsSource().replace(/<\/script/gi, '<\\/script')}</script>
<script>
const charts = ${embed(charts.map(({ id, config }) => ({ id, config })))};
for (const chart of charts) new Chart(document.getElementById(chart.id), chart.config);
</script>
</body></html>
`
}
