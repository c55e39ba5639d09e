import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

/** Node's listen error, possibly wrapped by whoever called listen(). */
interface ListenError {
  code?: string
  port?: number
  address?: string
  cause?: unknown
}

export function addressInUse(error: unknown): ListenError | undefined {
  for (let current = error as ListenError | undefined; current; current = current.cause as ListenError | undefined)
    if (current.code === 'EADDRINUSE') return current
  return undefined
}

/**
 * Which process listens on a TCP port, from /proc (Linux): the socket's inode in
 * /proc/net/tcp{,6}, then the process holding a descriptor to it. Undefined when it cannot be
 * told (another OS, another user's process).
 */
export function whoListensOn(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  const inodes = new Set<string>()
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[] = []
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1)
    } catch {}
    for (const line of lines) {
      const fields = line.trim().split(/\s+/)
      // local_address is field 1 (ADDR:PORT), state 0A is LISTEN, inode is field 9.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A' && fields[9]) inodes.add(fields[9])
    }
  }
  if (inodes.size === 0) return undefined
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds: string[] = []
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`)
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1]
        if (inode && inodes.has(inode)) {
          const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ')
          return `pid ${pid}: ${command.slice(0, 120)}`
        }
      } catch {}
    }
  }
  return undefined
}

/** The one-line explanation `./wired start` prints when its port is taken. */
export function explainPortInUse(error: ListenError): string {
  const port = error.port ?? 0
  const holder = port ? whoListensOn(port) : undefined
  return [
    `port ${port} is already in use${holder ? ` (by ${holder})` : ''}.`,
    `Choose another with PORT, e.g. PORT=${port + 10} ./wired start ..., or PORT=0 for any free port.`,
  ].join(' ')
}
