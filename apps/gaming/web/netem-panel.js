/**
 * The "bad network" panel: play through the loss/latency proxy (netem) and set its conditions
 * (PUT /api/netem). The proxy sits between every client and the game server, bots included, so
 * what you set here they suffer too. The bots' UDP datagrams are dropped at `dropPercent`; a
 * WebSocket (like TCP) is a byte stream the proxy can only delay, in order: the page feels the
 * delay and jitter, and sees the bots stutter at loss, but its own snapshots never go missing.
 */
import { call } from './api.js'

const $ = (id) => document.getElementById(id)
const OFF = { dropPercent: 0, delayMs: 0, jitterMs: 0 }

/** @param {{ onRouteChange(throughProxy: boolean): void, traceparent(label: string): string }} options */
export function createNetemPanel({ onRouteChange, traceparent }) {
  const show = (conditions) => {
    $('netem-now').textContent =
      `proxy now: drop ${conditions.dropPercent} % · delay ${conditions.delayMs} ms · jitter ${conditions.jitterMs} ms`
    $('netem-now').dataset.dropPercent = String(conditions.dropPercent)
  }
  const wanted = () => ({
    dropPercent: Number($('drop').value),
    delayMs: Number($('delay').value),
    jitterMs: Number($('jitter').value),
  })
  const put = async (conditions, label) => {
    try {
      show(await call('PUT', '/api/netem', { body: conditions, traceparent: traceparent(label) }))
      $('netem-error').textContent = ''
    } catch (error) {
      $('netem-error').textContent = error.message
    }
  }
  const refresh = async () => {
    try {
      show(await call('GET', '/api/netem'))
    } catch (error) {
      $('netem-error').textContent = error.message
    }
  }

  $('bad-network').addEventListener('change', async () => {
    const on = $('bad-network').checked
    await put(on ? wanted() : OFF, on ? 'bad network on' : 'bad network off')
    onRouteChange(on)
  })
  $('netem-form').addEventListener('submit', (event) => {
    event.preventDefault()
    if ($('bad-network').checked) put(wanted(), 'set network conditions')
  })
  refresh()
  // Someone else (another tab, a test) may change the proxy: show what it does now.
  setInterval(refresh, 3000)
  return { throughProxy: () => $('bad-network').checked }
}
