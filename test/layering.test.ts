import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')

async function cruise(cwd: string, targets: string[]) {
  const bin = resolve(root, 'node_modules/.bin/depcruise')
  try {
    const { stdout } = await promisify(execFile)(
      bin,
      [...targets, '--config', resolve(root, '.dependency-cruiser.cjs')],
      {
        cwd,
      },
    )
    return { code: 0, stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { code: failed.code, stdout: failed.stdout }
  }
}

it('the layering rules catch each kind of violation in a fixture', async () => {
  const { code, stdout } = await cruise(resolve(root, 'test/fixtures/layering'), ['apps', 'packages'])
  expect(code).not.toBe(0)
  expect(stdout).toMatch(/service-imports-another-service: apps\/demo\/src\/sender\/reaches-in\.ts/)
  expect(stdout).toMatch(/domain-imports-network-builtin: apps\/demo\/src\/sender\/domain\/opens-socket\.ts/)
  expect(stdout).toMatch(/domain-imports-transport-or-store: apps\/demo\/src\/sender\/domain\/uses-gateway\.ts/)
  expect(stdout).toMatch(/package-imports-app: packages\/util\/src\/knows-app\.ts/)
  // importing the scenario's shared folder is allowed
  expect(stdout).not.toMatch(/allowed\.ts/)
})
