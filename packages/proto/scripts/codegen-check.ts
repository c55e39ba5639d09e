import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findCodegenDrift } from './codegen-drift'

/**
 * `pnpm codegen:check [packageDir]`: exits 1 and names every drifted file when the committed
 * generated code does not match the .proto sources. CI runs it before typecheck, so a .proto
 * edit without `pnpm codegen` fails the build instead of shipping stale types.
 */
const packageDir = resolve(process.argv[2] ?? resolve(dirname(fileURLToPath(import.meta.url)), '..'))

try {
  const drifts = findCodegenDrift(packageDir)
  if (drifts.length === 0) {
    console.log('codegen:check: src/gen matches proto/')
  } else {
    console.error(`codegen:check: generated code is out of date (${drifts.length} file(s)):`)
    for (const drift of drifts) console.error(`  ${drift.problem.padEnd(7)} ${drift.file}`)
    console.error('run `pnpm --filter @wired/proto codegen` and commit src/gen')
    process.exitCode = 1
  }
} catch (error) {
  // buf's own message (a syntax error in a .proto, a missing import) is on its stderr.
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim()
  console.error(`codegen:check: buf generate failed${stderr ? `:\n${stderr}` : `: ${String(error)}`}`)
  process.exitCode = 2
}
