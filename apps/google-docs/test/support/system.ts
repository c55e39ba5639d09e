import { randomBytes } from 'node:crypto'
import type { ServiceControl } from '@wired/kit'
import { type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'
import { createDocument, type Session, share, signIn } from '../../src/simulator/clients/rest'

/** Long polls held this long in tests, so "the server times a poll out" takes a second, not 25. */
export const TEST_POLL_TIMEOUT_MS = 1_000
/** K in tests: a snapshot every 5 revisions, so a short test crosses several. */
export const TEST_SNAPSHOT_EVERY = 5

export interface RunningDocs {
  mode: RunMode
  apiUrl: string
  collabA: string
  collabB: string
  wireUrl: string
  processes?: ServiceControl
  stop(): Promise<void>
}

/**
 * Boots the whole scenario for a test file from src/scenario.ts: embedded in this process, every
 * service as its own process on real infra, or the running compose profile.
 */
export async function bootDocs(mode: RunMode, options: BootOptions = {}): Promise<RunningDocs> {
  const booted = await bootScenario(scenario, mode, {
    ...options,
    env: {
      POLL_TIMEOUT_MS: String(TEST_POLL_TIMEOUT_MS),
      SNAPSHOT_EVERY: String(TEST_SNAPSHOT_EVERY),
      RATE_LIMIT_PER_MINUTE: '60000',
      RATE_LIMIT_PER_SECOND: '1000',
      LEASE_MS: '1500',
      ...options.env,
    },
  })
  const url = (label: string) => booted.urls[label]!
  return {
    mode,
    apiUrl: url('REST api'),
    collabA: url('editor page (collab A)'),
    collabB: url('editor page (collab B)'),
    wireUrl: booted.env.WIRE_COLLECTOR_URL!,
    processes: booted.processes,
    stop: () => booted.stop(),
  }
}

/** A handle no other test (or run, on a shared compose deployment) has used. */
export const uniqueHandle = (base: string): string => `${base.slice(0, 10)}_${randomBytes(4).toString('hex')}`

export const PASSWORD = 'correct horse battery'

export const newUser = (system: RunningDocs, base: string): Promise<Session> =>
  signIn(system.apiUrl, uniqueHandle(base), PASSWORD)

/** An owner, and a document shared with the given roles: `{ owner, docId, users: [...] }`. */
export async function sharedDocument(system: RunningDocs, roles: Array<'editor' | 'viewer'>) {
  const owner = await newUser(system, 'owner')
  const docId = await createDocument(system.apiUrl, owner, 'test document')
  const users: Session[] = []
  for (const [i, role] of roles.entries()) {
    const user = await newUser(system, `${role}${i}`)
    await share(system.apiUrl, owner, docId, user.handle, role)
    users.push(user)
  }
  return { owner, docId, users }
}
