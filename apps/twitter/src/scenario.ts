/**
 * The Twitter scenario in one declaration: its services in start order, the infrastructure they
 * need, and the env each one gets. The kit boots it from this in every mode (./wired start
 * twitter, the tests on real infra), and docker-compose.yml's `twitter` profile sets the same keys.
 *
 *   page ──REST──▶ api ──gRPC──▶ users, posts, likes          page ◀──WS── push ◀──Kafka── posts, likes, follows
 *   posts ──Kafka twitter.posts──▶ fanout ──ZADD──▶ Redis timelines ◀── api (GET /v1/feed)
 *                               └─▶ trending ──HINCRBY──▶ Redis minute buckets ◀── api (GET /v1/trending)
 */
import { fileURLToPath } from 'node:url'
import { type Addresses, defineScenario } from '@wired/kit'
import { startSimulator } from './simulator/simulator'

const GRPC = { grpc: 'GRPC_PORT' }

/**
 * Authors with more followers than this are celebrities: merged at read time, not fanned out.
 * The seeded graph (2,000 readers who follow 50 each, power-law) puts about twenty above it.
 */
const CELEBRITY_THRESHOLD = 500

/** The page's origin as the browser names it: by IP and by `localhost`. */
const pageOrigins = (at: Addresses) => {
  const port = at.port('api', 'http')
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`].join(',')
}

export const scenario = defineScenario({
  name: 'twitter',
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  infra: ['postgres', 'kafka', 'redis'],
  env: () => ({
    CELEBRITY_THRESHOLD: String(CELEBRITY_THRESHOLD),
    // Three services own tables; at this scale four connections each are plenty, and every one
    // is a PostgreSQL process (embedded mode must fit in 300 MB). The benchmark raises it.
    DATABASE_CONNECTIONS: '4',
  }),
  services: [
    { name: 'users', listens: GRPC },
    { name: 'posts', listens: GRPC },
    { name: 'likes', listens: GRPC, env: (at) => ({ POSTS_GRPC_ADDRESS: at.grpc('posts') }) },
    {
      name: 'fanout',
      listens: GRPC,
      env: (at) => ({ USERS_GRPC_ADDRESS: at.grpc('users'), POSTS_GRPC_ADDRESS: at.grpc('posts') }),
    },
    { name: 'trending' },
    {
      name: 'push',
      public: true,
      listens: { http: 'HTTP_PORT' },
      env: (at) => ({ USERS_GRPC_ADDRESS: at.grpc('users'), ALLOWED_ORIGINS: pageOrigins(at) }),
    },
    {
      name: 'api',
      public: true,
      listens: { http: 'HTTP_PORT' },
      env: (at) => ({
        USERS_GRPC_ADDRESS: at.grpc('users'),
        POSTS_GRPC_ADDRESS: at.grpc('posts'),
        LIKES_GRPC_ADDRESS: at.grpc('likes'),
        PUSH_PUBLIC_URL: `ws://${at.host}:${at.port('push', 'http')}/ws`,
      }),
    },
  ],
  /** The data generator and the activity simulator (./wired start twitter; compose: twitter-simulator). */
  async afterServices({ env, at, logger }) {
    const simulator = await startSimulator({
      databaseUrl: env.DATABASE_URL!,
      usersAddress: at.grpc('users'),
      postsAddress: at.grpc('posts'),
      likesAddress: at.grpc('likes'),
      grpcSecret: env.GRPC_SECRET!,
      users: 2_000,
      // 50, not the guide's ~100: the embedded mode holds every timeline in this process's memory.
      followsPerUser: 50,
      activityEveryMs: 1_500,
      logger,
    })
    return {
      urls: { 'seeded readers': `${simulator.sampleHandles.join(', ')} … (password: ${simulator.password})` },
      stop: () => simulator.stop(),
    }
  },
  urls: (at) => ({
    'feed page': at.http('api'),
    'REST api': at.http('api'),
    'push WebSocket': `ws://${at.host}:${at.port('push', 'http')}/ws`,
    'gRPC users': at.grpc('users'),
    'gRPC posts': at.grpc('posts'),
    'gRPC likes': at.grpc('likes'),
    'gRPC timeline admin': at.grpc('fanout'),
  }),
})
