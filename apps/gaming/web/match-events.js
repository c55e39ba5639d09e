/**
 * The reliable events (text frames, the TCP events of the wire contract) applied to the page:
 * who is in the match, their scores, chat, the log with each event's `seq`, the final ranking.
 * They arrive complete and in order (TCP underneath), so the page can simply apply them one by one.
 */
import * as hud from './hud.js'

export function applyEvent(state, event) {
  const players = state.players
  const nameOf = (slot) => players.get(slot)?.name ?? `slot ${slot}`
  switch (event.type) {
    case 'welcome':
      state.session = { connectionId: event.connectionId, sessionToken: event.sessionToken }
      state.mySlot = event.slot
      state.endsAt = event.endsAt
      for (const player of event.players) players.set(player.slot, player)
      hud.showStatus(`playing: slot ${event.slot}, connection ${event.connectionId}`)
      hud.logEvent(event.seq, `welcome: ${event.players.length} players in ${event.matchId}`)
      break
    case 'joined':
      players.set(event.slot, { playerId: event.playerId, name: event.name, score: 0 })
      hud.logEvent(event.seq, `${event.name} joined`)
      break
    case 'left':
      hud.logEvent(event.seq, `${nameOf(event.slot)} left`)
      players.delete(event.slot)
      break
    case 'pickup':
      hud.logEvent(event.seq, `${nameOf(event.slot)} picked up #${event.pickupId} (tick ${event.tick})`)
      break
    case 'score':
      if (players.has(event.slot)) players.get(event.slot).score = event.score
      hud.logEvent(event.seq, `${nameOf(event.slot)} scores ${event.score}`)
      break
    case 'chat':
      hud.showChat(event.name, event.text)
      hud.logEvent(event.seq, `chat from ${event.name}`)
      break
    case 'match-result':
      state.finished = true
      hud.showResults(event.results)
      hud.logEvent(event.seq, 'match result')
      break
    case 'error':
      hud.logEvent(event.seq, `error ${event.code}: ${event.message}`, 'gap')
      break
  }
  hud.renderScores(players, state.mySlot)
}
