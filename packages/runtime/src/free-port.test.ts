import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PortReservations, reservePort } from './free-port'

const freshDir = () => mkdtempSync(join(tmpdir(), 'wired-port-test-'))
const deadPid = () =>
  spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout

/** A reservation scheme over exactly one port, known to be free, in a directory of its own. */
async function onePortScheme() {
  const port = await reservePort()
  const dir = freshDir()
  return { port, dir, scheme: new PortReservations({ dir, from: port, to: port + 1, leaseMs: 60_000 }) }
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

  it('takes over a claim whose lease has run out, even if its owner lives', async () => {
    const { port, dir, scheme } = await onePortScheme()
    const file = join(dir, String(port))
    writeFileSync(file, String(process.ppid))
    const longAgo = new Date(Date.now() - 61_000)
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

  it('never gives two processes reserving at the same time the same port', async () => {
    const dir = freshDir()
    const from = await reservePort()
    // Each child reserves 100 ports, prints them, and keeps its claims until its stdin closes.
    const script = `
      import { PortReservations } from ${JSON.stringify(join(import.meta.dirname, 'free-port.ts'))}
      const scheme = new PortReservations({ dir: ${JSON.stringify(dir)}, from: ${from}, to: ${from + 400}, leaseMs: 60_000 })
      const ports = []
      for (let i = 0; i < 100; i++) ports.push(await scheme.reserve())
      console.log(JSON.stringify(ports))
      process.stdin.resume().on('end', () => process.exit(0))`
    const children = [1, 2, 3].map(() =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: import.meta.dirname }),
    )
    try {
      const outputs = await Promise.all(children.map(async (child) => String((await once(child.stdout, 'data'))[0])))
      const ports = outputs.flatMap((line) => JSON.parse(line) as number[])
      expect(ports).toHaveLength(300)
      expect(new Set(ports).size).toBe(300)
    } finally {
      for (const child of children) child.stdin.end()
    }
  })
})
