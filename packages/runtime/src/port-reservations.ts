import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isProcessAlive } from './process-alive'

/**
 * Hands out loopback TCP ports for servers started later, often in another process (a test
 * boots a service as a child with `PORT=…`). The obvious trick, bind to port 0 and close, has
 * two failure modes, and CI hit the first:
 *
 * - The kernel can return the same port to two calls in a row, so one service got the same
 *   number for its HTTP and its gRPC listener and the second listen failed with EADDRINUSE.
 * - Port 0 is drawn from the ephemeral range, the pool the kernel also uses for the source
 *   ports of outgoing connections. A Kafka client connecting in between can sit on the port.
 *
 * So ports come from a range below the ephemeral one (Linux's starts at 32768), and each is
 * claimed with a lock file holding the owner's pid, created atomically (O_EXCL) in a directory
 * all processes share, so concurrent test processes never hand out the same one. A claim lasts
 * as long as its owner process: a test that kills a service and restarts it on the same port
 * keeps the port through the gap. A claim whose owner has died is taken over. Each port is also
 * bound once, to skip one that something outside the scheme listens on.
 */
export class PortReservations {
  private readonly claimed = new Set<number>()
  private cleanupRegistered = false

  constructor(
    private readonly options: { dir: string; from: number; to: number } = {
      dir: join(tmpdir(), 'wired-port-claims'),
      from: 20_000,
      to: 32_000,
    },
  ) {}

  async reserve(): Promise<number> {
    const { from, to } = this.options
    this.ensureDir()
    const span = to - from
    const start = Math.floor(Math.random() * span)
    for (let step = 0; step < span; step++) {
      const port = from + ((start + step) % span)
      if (this.claimed.has(port) || !this.claim(port)) continue
      if (await canListen(port)) return port
      this.release(port)
    }
    throw new Error(`no free port in ${from}-${to - 1}`)
  }

  private ensureDir() {
    mkdirSync(this.options.dir, { recursive: true })
    // Like /tmp: anyone may add a claim, only its owner may remove it. Fails harmlessly if the
    // directory belongs to another user (who then made it shared already).
    try {
      chmodSync(this.options.dir, 0o1777)
    } catch {}
  }

  private claim(port: number): boolean {
    const file = this.claimFile(port)
    if (!createExclusive(file)) {
      if (claimHeld(file)) return false
      // Two processes taking over the same dead claim at the same moment could both win; with
      // thousands of ports and a random start that is too unlikely to guard against.
      rmSync(file, { force: true })
      if (!createExclusive(file)) return false
    }
    this.claimed.add(port)
    if (!this.cleanupRegistered) {
      this.cleanupRegistered = true
      // Not guaranteed to run (a killed test worker never gets here); the pid check covers that.
      process.once('exit', () => {
        for (const claimed of this.claimed) removeIfOurs(this.claimFile(claimed))
      })
    }
    return true
  }

  private release(port: number) {
    this.claimed.delete(port)
    removeIfOurs(this.claimFile(port))
  }

  private claimFile(port: number) {
    return join(this.options.dir, String(port))
  }
}

// One per process, on purpose: the ports this process holds must be known to every caller in it.
const processWide = new PortReservations()

/** A loopback port no other caller (in this or another process using the scheme) will get. */
export const reservePort = (): Promise<number> => processWide.reserve()

function createExclusive(file: string): boolean {
  try {
    const fd = openSync(file, 'wx')
    writeSync(fd, String(process.pid))
    closeSync(fd)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8'))
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function removeIfOurs(file: string) {
  if (readOwner(file) === process.pid) rmSync(file, { force: true })
}

// An owner writes its pid right after creating the file; an unreadable one older than this is junk.
const UNREADABLE_CLAIM_GRACE_MS = 10_000

function claimHeld(file: string): boolean {
  const pid = readOwner(file)
  if (pid === undefined) {
    const stat = statSync(file, { throwIfNoEntry: false })
    return stat !== undefined && Date.now() - stat.mtimeMs < UNREADABLE_CLAIM_GRACE_MS
  }
  return isProcessAlive(pid)
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.unref()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}
