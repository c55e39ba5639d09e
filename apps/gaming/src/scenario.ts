/**
 * The multiplayer-game scenario in one declaration: its services in start order, the
 * infrastructure they need, and the env each one gets. The kit boots it from this in every mode
 * (./wired start gaming, the tests on real infra), and docker-compose.yml's `gaming` profile sets
 * the same keys.
 *
 *   lobby page ──REST──▶ api (players, matchmaking → signed match ticket, stats, leaderboards)
 *   browser ══WS (JSON events + binary snapshots)══▶ game          (directly, or through netem's ws port)
 *   bots ──UDP (inputs ▲ snapshots ▼)──▶ netem ──UDP──▶ game         (drop %, delay, jitter)
 *   bots ──TCP (length-prefixed JSON events)──▶ netem ──TCP──▶ game  (delay, jitter, order kept)
 *   game ──Kafka gaming.match-events──▶ stats ──▶ PostgreSQL (results, player totals), Redis ZSET leaderboards
 *   api ──HTTP──▶ netem control (the page's "bad network" switch)
 */
import { fileURLToPath } from 'node:url'
import { defineScenario } from '@wired/kit'

export const scenario = defineScenario({
  name: 'gaming',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'redis'],
  env: () => ({ DATABASE_CONNECTIONS: '4' }),
  services: [
    { name: 'stats' },
    {
      name: 'api',
      public: true,
      listens: { http: 'HTTP_PORT' },
      env: (at) => ({
        GAME_UDP_ADDRESS: `${at.host}:${at.port('game', 'udp')}`,
        GAME_TCP_ADDRESS: `${at.host}:${at.port('game', 'tcp')}`,
        GAME_WS_URL: `ws://${at.host}:${at.port('game', 'http')}/play`,
        NETEM_UDP_ADDRESS: `${at.host}:${at.port('netem', 'udp')}`,
        NETEM_TCP_ADDRESS: `${at.host}:${at.port('netem', 'tcp')}`,
        NETEM_WS_URL: `ws://${at.host}:${at.port('netem', 'ws')}/play`,
        NETEM_CONTROL_URL: at.http('netem'),
      }),
    },
    // Public: browsers open its WebSocket (/play) directly.
    { name: 'game', public: true, listens: { http: 'HTTP_PORT', udp: 'UDP_PORT', tcp: 'TCP_PORT' } },
    {
      name: 'netem',
      public: true,
      listens: { http: 'HTTP_PORT', udp: 'UDP_PORT', tcp: 'TCP_PORT', ws: 'WS_PORT' },
      env: (at) => ({
        UPSTREAM_UDP_ADDRESS: `${at.host}:${at.port('game', 'udp')}`,
        UPSTREAM_TCP_ADDRESS: `${at.host}:${at.port('game', 'tcp')}`,
        UPSTREAM_WS_ADDRESS: `${at.host}:${at.port('game', 'http')}`,
      }),
    },
    // Bots, so a person opening the page has someone to play against. They play through netem,
    // so the page's "bad network" switch reaches them too. Tests boot with SIM_BOTS=0 unless they ask.
    { name: 'bots', env: (at) => ({ API_URL: at.http('api'), SIM_PROGRESS_STDOUT: 'true' }) },
  ],
  urls: (at) => ({
    'lobby page': at.http('api'),
    'REST api': at.http('api'),
    'game WebSocket': `ws://${at.host}:${at.port('game', 'http')}/play`,
    'game UDP': `${at.host}:${at.port('game', 'udp')}`,
    'game TCP': `${at.host}:${at.port('game', 'tcp')}`,
    'game metrics': `${at.http('game')}/metrics`,
    'netem control': at.http('netem'),
    'netem UDP (to the game)': `${at.host}:${at.port('netem', 'udp')}`,
    'netem TCP (to the game)': `${at.host}:${at.port('netem', 'tcp')}`,
    'netem WebSocket (to the game)': `ws://${at.host}:${at.port('netem', 'ws')}/play`,
  }),
})
