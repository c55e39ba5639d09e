import type { ServiceControl } from '@wired/kit'
import { type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'

export type ServiceName = (typeof scenario.services)[number]['name']

export interface RunningSystem {
  mode: RunMode
  /** Two gateway replicas: [A, B]. */
  gateways: { httpUrl: string; wsUrl: string }[]
  apiUrl: string
  /** The scenario's database (schemas wa_users, wa_messages, ...), for checking what was stored. */
  databaseUrl: string
  notificationAddress: string
  usersAddress: string
  /** The message service's gRPC address, for tests that call it directly as a gateway would. */
  messageAddress: string
  /** The deployment's GRPC_SECRET, so a test can call a service as one of its allowed callers. */
  grpcSecret: string
  /** The wire view's collector (Zipkin's API): where a test reads a trace's hops back. */
  wireUrl: string
  /** Real and compose modes: kill -9 a service (a process or a container) and start it again. */
  processes?: ServiceControl
  stop(): Promise<void>
}

/**
 * Boots the whole scenario for a test file from src/scenario.ts (see bootScenario): embedded in
 * this process, or every service as its own process on real infra, under a fresh database and
 * topic prefix so runs never collide. Limits are raised: tests send faster than people.
 */
export async function bootSystem(mode: RunMode, options: BootOptions = {}): Promise<RunningSystem> {
  const booted = await bootScenario(scenario, mode, {
    ...options,
    env: { RATE_LIMIT_PER_MINUTE: '6000', DATABASE_CONNECTIONS: '4', ...options.env },
  })
  const url = (label: string) => booted.urls[label]!
  return {
    mode,
    gateways: [
      { httpUrl: url('chat (gateway A)'), wsUrl: url('websocket A') },
      { httpUrl: url('chat (gateway B)'), wsUrl: url('websocket B') },
    ],
    apiUrl: url('rest api'),
    databaseUrl: booted.env.DATABASE_URL!,
    notificationAddress: url('grpc notification'),
    usersAddress: url('grpc users'),
    messageAddress: url('grpc message'),
    grpcSecret: booted.env.GRPC_SECRET!,
    wireUrl: booted.env.WIRE_COLLECTOR_URL!,
    processes: booted.processes,
    stop: booted.stop,
  }
}
