import { randomBytes } from 'node:crypto'
import type { ServiceControl } from '@wired/kit'
import { type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'
import { connectTimelineAdmin, type TimelineAdminClient } from '../../src/shared/clients'

/** Small enough that a test makes a celebrity with four sign-ups (compose.test.yml sets the same). */
export const TEST_CELEBRITY_THRESHOLD = 3

export interface RunningTwitter {
  mode: RunMode
  apiUrl: string
  pushUrl: string
  grpc: { users: string; posts: string; likes: string; fanout: string }
  grpcSecret: string
  /** The scenario's database (schemas tw_users, tw_posts, tw_likes). */
  databaseUrl: string
  wireUrl: string
  /** Embedded and real: where the timelines are, to check what the fan-out wrote (compose: unset). */
  redis?: { url: string; keyPrefix: string }
  twins?: Awaited<ReturnType<typeof bootScenario>>['twins']
  processes?: ServiceControl
  /** TimelineAdmin as an operator calls it. */
  timelineAdmin(): TimelineAdminClient
  stop(): Promise<void>
}

/**
 * Boots the whole scenario for a test file from src/scenario.ts: embedded in this process, every
 * service as its own process on real infra, or the running compose profile. Limits are raised
 * (tests send faster than people) and the celebrity threshold lowered.
 */
export async function bootTwitter(mode: RunMode, options: BootOptions = {}): Promise<RunningTwitter> {
  const booted = await bootScenario(scenario, mode, {
    ...options,
    env: {
      CELEBRITY_THRESHOLD: String(TEST_CELEBRITY_THRESHOLD),
      RATE_LIMIT_PER_MINUTE: '60000',
      OUTBOX_SWEEP_MS: '300',
      ...options.env,
    },
  })
  const url = (label: string) => booted.urls[label]!
  const admins: TimelineAdminClient[] = []
  return {
    mode,
    apiUrl: url('REST api'),
    pushUrl: url('push WebSocket'),
    grpc: {
      users: url('gRPC users'),
      posts: url('gRPC posts'),
      likes: url('gRPC likes'),
      fanout: url('gRPC timeline admin'),
    },
    grpcSecret: booted.env.GRPC_SECRET!,
    databaseUrl: booted.env.DATABASE_URL!,
    wireUrl: booted.env.WIRE_COLLECTOR_URL!,
    redis:
      mode === 'compose'
        ? undefined
        : { url: booted.env.REDIS_URL!, keyPrefix: booted.env.REDIS_KEY_PREFIX ?? 'twitter:' },
    twins: booted.twins,
    processes: booted.processes,
    timelineAdmin() {
      const client = connectTimelineAdmin(url('gRPC timeline admin'), { name: 'ops', secret: booted.env.GRPC_SECRET! })
      admins.push(client)
      return client
    },
    async stop() {
      for (const admin of admins) admin.close()
      await booted.stop()
    },
  }
}

/** A handle no other test (or run, on a shared compose deployment) has used. */
export const uniqueHandle = (base: string): string => `${base.slice(0, 8)}_${randomBytes(4).toString('hex')}`
