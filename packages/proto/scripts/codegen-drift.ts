import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

export interface Drift {
  file: string
  problem: 'changed' | 'missing' | 'stale'
}

const GEN_DIR = 'src/gen'

/**
 * Regenerates every .proto of the package into a scratch directory and compares it with the
 * committed `src/gen`. Nothing in the package is written: a check must never "fix" what it checks.
 * - changed: the committed file differs from what the .proto files produce now
 * - missing: a .proto produces a file that is not committed (someone forgot `pnpm codegen`)
 * - stale:   a committed file no .proto produces any more (a .proto was renamed or deleted)
 */
export function findCodegenDrift(packageDir: string): Drift[] {
  const scratch = mkdtempSync(join(tmpdir(), 'wired-codegen-'))
  try {
    // Paths in buf.gen.yaml (the local plugin, `out`) are relative to the working directory;
    // `-o` prefixes every `out`, so the fresh output lands in <scratch>/src/gen.
    execFileSync(join(packageDir, 'node_modules/.bin/buf'), ['generate', '-o', scratch], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return compareTrees(join(packageDir, GEN_DIR), join(scratch, GEN_DIR))
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

function compareTrees(committedDir: string, freshDir: string): Drift[] {
  const committed = listFiles(committedDir)
  const fresh = listFiles(freshDir)
  const drifts: Drift[] = []
  for (const file of fresh) {
    if (!committed.has(file)) drifts.push({ file: join(GEN_DIR, file), problem: 'missing' })
    else if (!readFileSync(join(committedDir, file)).equals(readFileSync(join(freshDir, file))))
      drifts.push({ file: join(GEN_DIR, file), problem: 'changed' })
  }
  for (const file of committed) {
    if (!fresh.has(file)) drifts.push({ file: join(GEN_DIR, file), problem: 'stale' })
  }
  return drifts.sort((a, b) => a.file.localeCompare(b.file))
}

function listFiles(dir: string): Set<string> {
  if (!existsSync(dir)) return new Set()
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true })
  return new Set(
    entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name))),
  )
}
