import { isRunnable, SCENARIOS } from './scenarios'

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** The hub: one self-contained page (no CDN), listing each scenario, its status and how to run it. */
export function renderHubPage(): string {
  const rows = SCENARIOS.map((s) => {
    const runnable = isRunnable(s.name)
    const status = runnable ? '<span class="ready">runnable</span>' : '<span class="planned">planned</span>'
    const run = runnable ? `<code>pnpm start ${s.name}</code>` : '—'
    const readme = runnable ? `<a href="/scenarios/${s.name}">study page</a>` : ''
    return `<tr><td><b>${escapeHtml(s.title)}</b><br><small>${escapeHtml(s.protocols)}</small></td><td>${status}</td><td>${run}</td><td>${readme}</td></tr>`
  }).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Wired: system design as running code</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;width:100%}td,th{padding:.5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.ready{color:#0a7d32;font-weight:600}.planned{color:#888}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}
</style></head><body>
<h1>Wired</h1>
<p>System-design interview scenarios as running code. Start one with <code>pnpm start &lt;scenario&gt;</code>
(embedded mode: real PostgreSQL and MQTT broker, in-process Kafka and Redis twins, every service on real sockets).
Measure the guide's protocol claims with <code>pnpm lab</code>.</p>
<table><thead><tr><th>Scenario</th><th>Status</th><th>Run</th><th></th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`
}
