import { spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findCodegenDrift } from '../scripts/codegen-drift'

const packageDir = resolve(import.meta.dirname, '..')

/** A throwaway copy of the package's codegen inputs and committed output, sharing node_modules. */
function copyPackage(): string {
  const copy = mkdtempSync(join(tmpdir(), 'wired-proto-copy-'))
  for (const entry of ['proto', 'src/gen', 'buf.yaml', 'buf.gen.yaml']) {
    cpSync(join(packageDir, entry), join(copy, entry), { recursive: true })
  }
  symlinkSync(join(packageDir, 'node_modules'), join(copy, 'node_modules'))
  return copy
}

function runCheck(dir: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/codegen-check.ts', dir], {
    cwd: packageDir,
    encoding: 'utf8',
  })
  return { status: result.status, output: result.stdout + result.stderr }
}

describe('codegen:check', () => {
  let copy: string
  beforeEach(() => {
    copy = copyPackage()
  })
  afterEach(() => rmSync(copy, { recursive: true, force: true }))

  it('passes when src/gen matches the .proto files', () => {
    const { status, output } = runCheck(copy)
    expect(output).toContain('src/gen matches proto/')
    expect(status).toBe(0)
  })

  it('fails and names the file when a generated file was edited by hand', () => {
    appendFileSync(join(copy, 'src/gen/testing/v1/echo.ts'), '\n// hand edit\n')
    const { status, output } = runCheck(copy)
    expect(status).toBe(1)
    expect(output).toMatch(/changed\s+src\/gen\/testing\/v1\/echo\.ts/)
    expect(output).toContain('pnpm --filter @wired/proto codegen')
  })

  it('reports a new .proto that was never generated, and output no .proto produces any more', () => {
    writeFileSync(
      join(copy, 'proto/testing/v1/extra.proto'),
      'syntax = "proto3";\npackage wired.testing.v1;\nmessage Extra { string id = 1; }\n',
    )
    writeFileSync(join(copy, 'src/gen/testing/v1/renamed.ts'), 'export {}\n')
    expect(findCodegenDrift(copy)).toEqual([
      { file: 'src/gen/testing/v1/extra.ts', problem: 'missing' },
      { file: 'src/gen/testing/v1/renamed.ts', problem: 'stale' },
    ])
  })

  it('exits 2 with buf’s message when a .proto does not compile', () => {
    writeFileSync(join(copy, 'proto/testing/v1/broken.proto'), 'syntax = "proto3";\nmessage {\n')
    const { status, output } = runCheck(copy)
    expect(status).toBe(2)
    expect(output).toContain('broken.proto')
  })
})

describe('buf lint', () => {
  it('accepts every .proto in the package (STANDARD rules, see buf.yaml)', () => {
    const result = spawnSync(join(packageDir, 'node_modules/.bin/buf'), ['lint'], { cwd: packageDir, encoding: 'utf8' })
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})
