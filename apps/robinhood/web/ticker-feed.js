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
      const apply = (event) => {
        for (const quote of quotesIn(JSON.parse(event.data))) onPrice(quote.symbol, quote.priceCents)
      }
      source.addEventListener('message', apply)
      source.addEventListener('prices', apply)
      source.addEventListener('snapshot', apply)
    },
  }
}

/** The quotes of one ticker event (see README "SSE ticker" for its format). */
function quotesIn(data) {
  return Array.isArray(data.quotes) ? data.quotes : []
}
