import { expect, it } from 'vitest'
import { renderDecisionPage } from '../src/page'

it('answers a query with the recommendation, the reasons and the scenario to watch', () => {
  const page = renderDecisionPage({ client: 'browser', pattern: 'server-push', latency: 'interactive' }, new Map())
  expect(page.status).toBe(200)
  expect(page.html).toMatch(/<section class="pick"><h2>Server-Sent Events<\/h2>/)
  expect(page.html).toContain('./wired start robinhood')
  expect(page.html).toContain('<option value="server-push" selected>')
})

it('links a built scenario’s study page', () => {
  const page = renderDecisionPage({ client: 'browser', pattern: 'bidirectional', latency: 'interactive' }, new Map())
  expect(page.html).toContain('<code>./wired start whatsapp</code>, <a href="/scenarios/whatsapp">study page</a>')
})

it('shows the lab figure measured on this machine when a report exists', () => {
  const lab = new Map([
    [
      'sse-latency',
      { claim: 'SSE latency', guideFigure: '10-20ms', measured: '0.4 ms', verdict: 'does not hold', report: 'r' },
    ],
  ])
  const page = renderDecisionPage({ pattern: 'server-push' }, lab)
  expect(page.html).toContain('SSE latency: guide 10-20ms, this machine 0.4 ms (does not hold; r)')
})

it('refuses an unknown answer with a 400 naming it, and escapes what it echoes', () => {
  const page = renderDecisionPage({ pattern: '<script>x</script>' }, new Map())
  expect(page.status).toBe(400)
  expect(page.html).toContain('pattern: &#39;&lt;script&gt;x&lt;/script&gt;&#39; is not an option')
  expect(page.html).not.toContain('<script>x')
})
