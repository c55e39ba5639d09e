import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

// The static check: `docker compose config -q` parses the file against the Compose schema without
// contacting an engine. (CI also boots every profile for real: infra/docker/compose-test.sh.)
const root = resolve(import.meta.dirname, '..')
const compose = (file: string) =>
  promisify(execFile)('docker', ['compose', '-f', file, '--project-directory', root, 'config', '-q'])

it('docker-compose.yml is a valid Compose file', async () => {
  await expect(compose(resolve(root, 'docker-compose.yml'))).resolves.toBeDefined()
})

it('the static check rejects a broken file (so the check above can fail)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'))
  try {
    const broken = join(dir, 'docker-compose.yml')
    writeFileSync(
      broken,
      readFileSync(resolve(root, 'docker-compose.yml'), 'utf8').replace('healthcheck:', 'helthcheck:'),
    )
    await expect(compose(broken)).rejects.toThrow(/helthcheck/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

it('every scenario profile named in the file runs the shared service image', () => {
  const text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8')
  const profiles = [...text.matchAll(/profiles: \[([a-z-]+)\]/g)].map((m) => m[1])
  for (const profile of profiles) expect(text).toContain(`apps/${profile}/src/`)
})
