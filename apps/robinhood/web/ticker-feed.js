/**
 * The portfolio's live prices from the price gateway's SSE ticker: read-only, so a one-way
 * EventSource is all it needs, and the browser reconnects it (with Last-Event-ID) by itself.
 * `follow(symbols)` reopens the stream for a new set of symbols.
 */
export function followTicker(pricesUrl, { onPrice, onState }) {
  let source
  let followed = ''
  return {
    follow(symbols) {
      const wanted = [...new Set(symbols)].sort().slice(0, 50).join(',')
      if (wanted === followed) return
      followed = wanted
      source?.close()
      if (!wanted) {
        onState('nothing to follow')
        return
      }
      source = new EventSource(`${pricesUrl}/v1/ticker?symbols=${wanted}`)
      source.onopen = () => onState('live')
      source.onerror = () => onState('reconnecting…')
      // `snapshot` first (every followed price), then `prices` with what changed in each batch.
      const apply = (event) => {
        for (const [symbol, cents] of Object.entries(JSON.parse(event.data).prices ?? {})) onPrice(symbol, cents)
      }
      source.addEventListener('prices', apply)
      source.addEventListener('snapshot', apply)
    },
  }
}
