import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { LabFigure } from '@wired/decide'
import { isRunnable, repoRoot, SCENARIOS, type ScenarioCard } from './catalogue'
import { page } from './layout'
import { escapeHtml, renderMarkdown } from './markdown'

/** The lab claims that speak about a protocol tag of the catalogue. */
const CLAIMS_BY_TAG: Record<string, string[]> = {
  REST: ['rest-latency', 'grpc-vs-rest'],
  gRPC: ['grpc-latency', 'grpc-vs-rest', 'user-size-reduction'],
  WebSocket: ['websocket-latency'],
  SSE: ['sse-latency'],
  GraphQL: ['graphql-latency'],
  Kafka: ['kafka-latency'],
  MQTT: ['mqtt-latency', 'mqtt-fixed-header'],
  'long polling': ['polling-bandwidth', 'polling-requests'],
  TCP: ['tcp-latency'],
  UDP: ['udp-latency', 'udp-vs-tcp'],
}

export function claimsTable(tags: string[], lab: Map<string, LabFigure>): string {
  const ids = [...new Set(tags.flatMap((tag) => CLAIMS_BY_TAG[tag] ?? []))]
  const rows = ids
    .map((id) => lab.get(id))
    .filter((figure): figure is LabFigure => figure !== undefined)
    .map((figure) => {
      const verdictClass = figure.verdict === 'holds' ? 'holds' : 'fails'
      return `<tr><td>${escapeHtml(figure.claim)}</td><td>${escapeHtml(figure.guideFigure)}</td><td>${escapeHtml(figure.measured)}</td><td class="${verdictClass}">${escapeHtml(figure.verdict)}</td></tr>`
    })
  if (rows.length === 0)
    return "<p>The protocol lab has not run on this machine yet: <code>./wired lab</code> measures the guide's figures here.</p>"
  return `<table><tr><th>the guide claims</th><th>guide</th><th>this machine</th><th>verdict</th></tr>${rows.join('')}</table>
<p><small>From ${escapeHtml([...lab.values()][0]!.report)}.</small></p>`
}

function card(scenario: ScenarioCard): string {
  const runnable = isRunnable(scenario.name)
  const tags = scenario.protocols.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join('')
  const status = runnable ? '<span class="ready">runnable</span>' : '<span class="planned">planned</span>'
  const actions = runnable
    ? `<p><code>./wired start ${scenario.name}</code> · <a href="/scenarios/${scenario.name}">study page</a></p>`
    : ''
  return `<li class="card" data-scenario="${scenario.name}"><h3>${escapeHtml(scenario.title)}</h3>${status}
<p>${escapeHtml(scenario.teaches)}</p><p>${tags}</p>${actions}</li>`
}

export function hubPage(lab: Map<string, LabFigure>): string {
  const allTags = [...new Set(SCENARIOS.flatMap((scenario) => scenario.protocols))]
  return page(
    'Wired: system design as running code',
    `<h1>Wired</h1>
<p>System-design interview scenarios as running code. Each scenario is a small working system wired
with the protocols an interview guide prescribes. Start one, open its page, and read its study page
beside the code. <code>./wired start &lt;scenario&gt;</code> runs it on this machine with nothing but Node.</p>
<ul class="cards">${SCENARIOS.map(card).join('\n')}</ul>
<h2>Run a scenario with Docker</h2>
<p><code>docker compose --profile &lt;scenario&gt; up -d --build --wait</code> runs one container per service
beside real Kafka, Redis and PostgreSQL (the page on http://localhost:8080; <code>down -v</code> removes it all).
<a href="http://localhost:9411">Zipkin</a> (http://localhost:9411) then shows what crossed the wire: each
request's spans, hop by hop through WebSocket, gRPC, Kafka, Redis and MQTT, with their timings.</p>
<h2>Which protocol for my edge?</h2>
<p>The guide's decision factors as questions: <a href="/decide">the decision tool</a> recommends a protocol
for one edge of your design, says why and what it rejected, and links the scenario that shows it
(also <code>./wired decide</code>).</p>
<h2>The guide's figures, measured here</h2>
${claimsTable(allTags, lab)}
<p><a href="/lab">The protocol lab's full report</a> (<code>./wired lab</code> writes it).</p>`,
  )
}

export function studyPage(name: string, lab: Map<string, LabFigure>): string | undefined {
  const scenario = SCENARIOS.find((s) => s.name === name)
  if (!scenario || !isRunnable(name)) return undefined
  const readme = resolve(repoRoot, 'apps', name, 'README.md')
  const body = renderMarkdown(readFileSync(readme, 'utf8'), readme)
  return page(
    scenario.title,
    `${body}
<h2>The guide's figures for these protocols, measured on this machine</h2>
${claimsTable(scenario.protocols, lab)}`,
    { mermaid: true },
  )
}
