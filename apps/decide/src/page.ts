import type { LabFigure } from './lab-figures'
import { PROTOCOLS, scenarioIsBuilt, watchIt } from './protocols'
import { parseAnswers, QUESTIONS } from './questions'
import { recommend } from './recommend'
import { labLine } from './render-text'
import { SCENARIO_EDGES } from './scenario-edges'

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/**
 * GET /decide?client=browser&pattern=server-push...: the decision page, answered on the server
 * with the same rules as the CLI (a plain form: it works with scripts off). Unknown answers get
 * the error in the page and a 400.
 */
export function renderDecisionPage(query: Record<string, string | undefined>, lab: Map<string, LabFigure>) {
  let error = ''
  let answers = parseAnswers({})
  try {
    answers = parseAnswers(query)
  } catch (failure) {
    error = (failure as Error).message
  }
  const result = recommend(answers)
  const fields = Object.entries(QUESTIONS)
    .map(([id, question]) => {
      const options = Object.entries(question.options)
        .map(([key, text]) => {
          const selected = answers[id as keyof typeof answers] === key ? ' selected' : ''
          return `<option value="${key}"${selected}>${escapeHtml(text)}</option>`
        })
        .join('')
      return `<label>${escapeHtml(question.text)}<select name="${id}">${options}</select></label>`
    })
    .join('\n')
  const picks = result.recommended
    .map(
      (pick) => `<section class="pick"><h2>${escapeHtml(pick.protocol.name)}</h2>
<p>${escapeHtml(pick.protocol.strength)}</p>
<ul>${pick.for.map((reason) => `<li class="for">${escapeHtml(reason)}</li>`).join('')}${pick.against
        .map((reason) => `<li class="against">${escapeHtml(reason)}</li>`)
        .join('')}</ul>
<p><b>Measured:</b> ${escapeHtml(labLine(pick, lab))}</p>
<p><b>Watch it:</b> ${
        scenarioIsBuilt(pick.protocol.scenario)
          ? `<code>./wired start ${pick.protocol.scenario}</code>, <a href="/scenarios/${pick.protocol.scenario}">study page</a>`
          : escapeHtml(watchIt(pick.protocol))
      }</p></section>`,
    )
    .join('\n')
  const rejected = result.rejected
    .map(
      (other) =>
        `<tr><td>${escapeHtml(other.protocol.name)}</td><td>${other.excluded ? 'ruled out' : `score ${other.score}`}</td><td>${escapeHtml(other.against[0] ?? '')}</td></tr>`,
    )
    .join('\n')
  const examples = SCENARIO_EDGES.map((edge) => {
    const href = `/decide?${new URLSearchParams(edge.answers as Record<string, string>).toString()}`
    return `<li><a href="${escapeHtml(href)}">${escapeHtml(edge.scenario)}: ${escapeHtml(edge.edge)}</a> → ${escapeHtml(PROTOCOLS[edge.expected].name)}</li>`
  }).join('\n')
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Wired: choose a protocol</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
form{display:grid;grid-template-columns:1fr 1fr;gap:.5rem 1.5rem}label{display:flex;flex-direction:column;font-size:.9rem}
select{font:inherit;padding:.2rem}.pick{border:2px solid #0a7d32;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.for{color:#0a5d26}.against{color:#8a4b00}.error{color:#b00020;font-weight:600}
table{border-collapse:collapse;width:100%}td{padding:.3rem;border-bottom:1px solid #ddd;vertical-align:top}
</style></head><body>
<p><a href="/">← Wired hub</a></p>
<h1>Which protocol for this edge?</h1>
<p>The guide's decision factors as questions about one arrow of your design. The rules are data
(<code>apps/decide/src/rules.ts</code>) and are tested against every edge of the ten scenarios.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="get" action="/decide">${fields}<button type="submit">Recommend</button></form>
<div id="result">${picks}</div>
<h3>Not chosen</h3><table>${rejected}</table>
<h3>Worked examples: the ten scenarios' edges</h3><ul>${examples}</ul>
</body></html>`
  return { status: error ? 400 : 200, html }
}
