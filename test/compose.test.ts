import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

// No Docker engine runs where Wired's CI runs, so docker-compose.yml is validated statically:
// `docker-compose config -q` parses it against the Compose schema without contacting an engine.
const root = resolve(import.meta.dirname, '..')
const compose = (file: string) =>
  promisify(execFile)('docker-compose', ['-f', file, '--project-directory', root, 'config', '-q'])

it('docker-compose.yml is a valid Compose file', async () => {
  await expect(compose(resolve(root, 'docker-compose.yml'))).resolves.toBeDefined()
})

it('the static check rejects a broken file (so the check above can fail)', async () => {
  const broken = join(mkdtempSync(join(tmpdir(), 'compose-')), 'docker-compose.yml')
  writeFileSync(
    broken,
    readFileSync(resolve(root, 'docker-compose.yml'), 'utf8').replace('healthcheck:', 'helthcheck:'),
  )
  await expect(compose(broken)).rejects.toThrow(/helthcheck/)
})

it('every scenario profile named in the file runs the shared service image', () => {
  const text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8')
  const profiles = [...text.matchAll(/profiles: \[([a-z-]+)\]/g)].map((m) => m[1])
  for (const profile of profiles) expect(text).toContain(`apps/${profile}/src/`)
})
