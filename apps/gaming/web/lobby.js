/**
 * The lobby: pick a name (POST /api/players, the token stays in sessionStorage), see the open
 * matches, the points leaderboard (a Redis sorted set behind GET /api/leaderboards/points) and
 * your stats, and press Play: matchmaking answers with a signed ticket and the game server's
 * addresses, and the game page takes it from there.
 */
import { createWirePanel } from '/wire/panel.js'
import { call, session } from './api.js'

const $ = (id) => document.getElementById(id)
const wire = createWirePanel($('wire'))

function element(tag, text) {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text // names are user input: text only, never HTML
  return node
}

function row(cells) {
  const tr = element('tr')
  for (const cell of cells) tr.append(element('td', String(cell)))
  return tr
}

async function signUp(event) {
  event.preventDefault()
  $('error').textContent = ''
  try {
    const player = await call('POST', '/api/players', {
      body: { name: $('name').value.trim() },
      traceparent: wire.begin('sign up'),
    })
    session.setPlayer(player)
    showPlayer()
  } catch (error) {
    $('error').textContent = error.message
  }
}

async function play() {
  $('error').textContent = ''
  $('play').disabled = true
  try {
    const match = await call('POST', '/api/matchmaking', { body: {}, traceparent: wire.begin('find a match') })
    session.setMatch(match)
    location.assign('/game.html')
  } catch (error) {
    $('error').textContent = error.message
    $('play').disabled = false
  }
}

function showPlayer() {
  const player = session.player()
  if (!player) return
  $('sign-up').hidden = true
  $('me').hidden = false
  $('who').textContent = `Playing as ${player.name}`
  refresh()
}

async function refreshStats() {
  const player = session.player()
  if (!player) return
  try {
    const stats = await call('GET', `/api/players/${encodeURIComponent(player.playerId)}/stats`)
    const plural = (count, word) => `${count} ${word}${count === 1 ? '' : word.endsWith('h') ? 'es' : 's'}`
    $('stats').textContent =
      `${plural(stats.matches, 'match')} · ${plural(stats.wins, 'win')} · ${plural(stats.points, 'point')} · ` +
      `best match ${stats.bestPoints}`
  } catch (error) {
    $('stats').textContent = error.status === 404 ? 'no matches yet' : error.message
  }
}

async function refresh() {
  const [lobby, board] = await Promise.all([
    call('GET', '/api/lobby'),
    call('GET', '/api/leaderboards/points?limit=10'),
    refreshStats(),
  ])
  $('matches').replaceChildren(
    ...lobby.matches.map((match) =>
      row([
        match.matchId,
        `${match.players} / ${match.capacity}`,
        `${Math.max(0, Math.round((match.endsAt - Date.now()) / 1000))} s`,
      ]),
    ),
  )
  $('matches').dataset.count = String(lobby.matches.length)
  $('no-matches').hidden = lobby.matches.length > 0
  $('leaderboard').replaceChildren(...board.entries.map((entry) => row([entry.rank, entry.name, entry.score])))
}

$('sign-up').addEventListener('submit', signUp)
$('play').addEventListener('click', play)
showPlayer()
refresh().catch((error) => {
  $('error').textContent = error.message
})
// Matches fill and end while you look: keep the lists current.
setInterval(() => refresh().catch(() => {}), 3000)
