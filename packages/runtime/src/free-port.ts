import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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
 * claimed with a lock file created atomically (O_EXCL) in a shared directory, so concurrent
 * test processes never hand out the same one. A claim only has to last from reservation until
 * the server binds the port (seconds); after that the kernel guards it, and the listen check
 * below skips it. So a claim is taken over once its owner process has died or it is older than
 * `leaseMs`, which also keeps claims from piling up when test workers are killed before their
 * exit hooks run.
 */
export class PortReservations {
  private readonly claimed = new Set<number>()
  private cleanupRegistered = false

  constructor(
    private readonly options: { dir: string; from: number; to: number; leaseMs: number } = {
      dir: join(tmpdir(), 'wired-port-claims'),
      from: 20_000,
      to: 32_000,
      leaseMs: 10 * 60_000,
    },
  ) {}

  async reserve(): Promise<number> {
    const { dir, from, to } = this.options
    mkdirSync(dir, { recursive: true, mode: 0o777 })
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

  private claim(port: number): boolean {
    const file = this.claimFile(port)
    if (!createExclusive(file)) {
      if (claimHeld(file, this.options.leaseMs)) return false
      // Two processes taking over the same stale claim in the same microsecond could both win;
      // with thousands of ports and a random start that is too unlikely to guard against.
      rmSync(file, { force: true })
      if (!createExclusive(file)) return false
    }
    this.claimed.add(port)
    if (!this.cleanupRegistered) {
      this.cleanupRegistered = true
      process.once('exit', () => {
        for (const claimed of this.claimed) rmSync(this.claimFile(claimed), { force: true })
      })
    }
    return true
  }

  private release(port: number) {
    this.claimed.delete(port)
    rmSync(this.claimFile(port), { force: true })
  }

  private claimFile(port: number) {
    return join(this.options.dir, String(port))
  }
}

const shared = new PortReservations()

/** A loopback port no other caller (in this or another process using the scheme) will get. */
export const reservePort = (): Promise<number> => shared.reserve()

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

function claimHeld(file: string, leaseMs: number): boolean {
  let text: string
  let age: number
  try {
    text = readFileSync(file, 'utf8')
    age = Date.now() - statSync(file).mtimeMs
  } catch {
    return false // released meanwhile
  }
  if (age > leaseMs) return false
  if (text === '') return true // the owner created the file and has not written its pid yet
  const pid = Number(text)
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.unref()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}
