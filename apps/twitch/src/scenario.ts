/**
 * The Twitch scenario in one declaration: its services in start order, the infrastructure they
 * need, and the env each one gets. The kit boots it from this in every mode (./wired start
 * twitch, the tests on real infra), and docker-compose.yml's `twitch` profile sets the same keys.
 *
 *   OBS / ./wired stream ──RTMP──▶ ingest (node-media-server, stream-key check) ──ffmpeg──▶ live HLS (2 renditions, ~1 s segments) on disk
 *   viewer page (hls.js) ──HTTP/2 + TLS──▶ edge (@wired/edge cache) ──HTTP/2 + TLS──▶ origin ──▶ media dir
 *   pages ══WS══▶ chat-a, chat-b ◀──Redis pub/sub──▶ each other (one channel spans both servers)
 *   pages ──REST──▶ api (users, stream keys, live list, stream info, stop, clips)
 *   ingest ──Kafka twitch.stream-events──▶ api        chat ──twitch.chat-messages──▶ analytics
 *   api ──twitch.clip-jobs──▶ clipper (ffmpeg: last 30 s) ──twitch.clip-results──▶ api
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineScenario } from '@wired/kit'

const HTTP = { http: 'HTTP_PORT' }

export const scenario = defineScenario({
  name: 'twitch',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'redis'],
  env: () => ({ DATABASE_CONNECTIONS: '2' }),
  // The media dir (live HLS, VODs, clips): a scratch folder per run, removed on stop (compose
  // mounts a volume shared by ingest, origin and clipper instead).
  async beforeServices(context) {
    if (context.env.TWITCH_MEDIA_DIR) return { stop: async () => undefined }
    const dir = await mkdtemp(join(tmpdir(), 'wired-twitch-'))
    return {
      env: { TWITCH_MEDIA_DIR: dir },
      urls: { 'media dir': dir },
      stop: () => rm(dir, { recursive: true, force: true }),
    }
  },
  services: [
    { name: 'origin', listens: HTTP },
    { name: 'ingest', listens: { rtmp: 'RTMP_PORT', http: 'HTTP_PORT' } },
    { name: 'clipper' },
    { name: 'analytics' },
    // The api first of the public listeners: with a base port (PORT=8080) the pages get it.
    {
      name: 'api',
      public: true,
      listens: HTTP,
      env: (at) => ({
        EDGE_PUBLIC_URL: at.http('edge').replace('http:', 'https:'),
        CHAT_URLS: [at.http('chat-a'), at.http('chat-b')].map((url) => `${url.replace('http:', 'ws:')}/chat`).join(','),
        INGEST_RTMP_URL: `rtmp://${at.host}:${at.port('ingest', 'rtmp')}/live`,
        INGEST_CONTROL_URL: at.http('ingest'),
      }),
    },
    {
      name: 'edge',
      public: true,
      listens: HTTP,
      env: (at) => ({ ORIGIN_URL: at.http('origin').replace('http:', 'https:') }),
    },
    // One chat service, two processes: a channel's viewers are spread over both, and Redis pub/sub
    // carries each message to the other server's sockets.
    { name: 'chat-a', dir: 'chat', listens: HTTP, public: true, env: () => ({ CHAT_SERVER_ID: 'chat-a' }) },
    { name: 'chat-b', dir: 'chat', listens: HTTP, public: true, env: () => ({ CHAT_SERVER_ID: 'chat-b' }) },
    // A test stream (ffmpeg's test sources over RTMP into channel `demo`) and chatters, so the
    // pages have something to show. Tests boot with SIM_STREAMS=0 and SIM_CHATTERS=0 unless they ask.
    {
      name: 'simulator',
      env: (at) => ({
        API_URL: at.http('api'),
        INGEST_RTMP_URL: `rtmp://${at.host}:${at.port('ingest', 'rtmp')}/live`,
        SIM_PROGRESS_STDOUT: 'true',
      }),
    },
  ],
  urls: (at) => ({
    'viewer page': at.http('api'),
    'streamer page': `${at.http('api')}/streamer.html`,
    'REST api': at.http('api'),
    'RTMP ingest': `rtmp://${at.host}:${at.port('ingest', 'rtmp')}/live`,
    'HLS edge': at.http('edge').replace('http:', 'https:'),
    'chat A': `${at.http('chat-a').replace('http:', 'ws:')}/chat`,
    'chat B': `${at.http('chat-b').replace('http:', 'ws:')}/chat`,
    'ingest control': at.http('ingest'),
  }),
})
