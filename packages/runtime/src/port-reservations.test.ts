import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PortReservations, reservePort } from './port-reservations'

const made: string[] = []
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wired-port-test-'))
  made.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})
const deadPid = () =>
  spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout

/** A reservation scheme over exactly one port, known to be free, in a directory of its own. */
async function onePortScheme() {
  const port = await reservePort()
  const dir = freshDir()
  return { port, dir, scheme: new PortReservations({ dir, from: port, to: port + 1 }) }
}

describe('reservePort', () => {
  it('never hands out the same port twice, and stays below the ephemeral range', async () => {
    const ports: number[] = []
    for (let i = 0; i < 200; i++) ports.push(await reservePort())
    expect(new Set(ports).size).toBe(200)
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000)
      expect(port).toBeLessThan(32_768)
    }
  })

  it('does not hand out a port that a live process has claimed', async () => {
    const { port, dir, scheme } = await onePortScheme()
    writeFileSync(join(dir, String(port)), String(process.ppid))
    await expect(scheme.reserve()).rejects.toThrow(/no free port/)
  })

  it('takes over the claim of a process that has died', async () => {
    const { port, dir, scheme } = await onePortScheme()
    writeFileSync(join(dir, String(port)), deadPid())
    expect(await scheme.reserve()).toBe(port)
  })

  it('takes over a claim file left empty or garbled for more than a few seconds', async () => {
    const { port, dir, scheme } = await onePortScheme()
    const file = join(dir, String(port))
    writeFileSync(file, 'not a pid')
    await expect(scheme.reserve()).rejects.toThrow(/no free port/) // its owner may be writing it
    const longAgo = new Date(Date.now() - 11_000)
    utimesSync(file, longAgo, longAgo)
    expect(await scheme.reserve()).toBe(port)
  })

  it('skips a port that something outside the scheme listens on, and drops its claim', async () => {
    const { port, dir, scheme } = await onePortScheme()
    const squatter = createServer()
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve))
    try {
      await expect(scheme.reserve()).rejects.toThrow(/no free port/)
      expect(existsSync(join(dir, String(port)))).toBe(false)
    } finally {
      squatter.close()
    }
  })

  it('never gives two processes reserving at the same time the same port', { timeout: 60_000 }, async () => {
    const dir = freshDir()
    const from = await reservePort()
    // Each child reserves 100 ports, prints them, and keeps its claims until its stdin closes.
    const script = `
      import { PortReservations } from ${JSON.stringify(join(import.meta.dirname, 'port-reservations.ts'))}
      const scheme = new PortReservations({ dir: ${JSON.stringify(dir)}, from: ${from}, to: ${from + 400} })
      const ports = []
      for (let i = 0; i < 100; i++) ports.push(await scheme.reserve())
      console.log(JSON.stringify(ports))
      process.stdin.resume().on('end', () => process.exit(0))`
    const children = [1, 2, 3].map(() =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: import.meta.dirname }),
    )
    try {
      const outputs = await Promise.all(children.map(firstLine))
      const ports = outputs.flatMap((line) => JSON.parse(line) as number[])
      expect(ports).toHaveLength(300)
      expect(new Set(ports).size).toBe(300)
    } finally {
      for (const child of children) child.stdin.end()
    }
  })
})

/** The child's first line of output; fails with its stderr if it exits before printing one. */
function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')))
    })
    child.once('close', (code) => reject(new Error(`child exited with ${code} before printing: ${stderr}`)))
  })
}
