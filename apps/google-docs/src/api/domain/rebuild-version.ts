import { AppError } from '@wired/runtime'
import { apply, type TextOp } from '../../shared/text-op'

/**
 * A past version from the log: start from the newest snapshot at or below the revision and apply
 * the ops after it, one revision at a time. A missing revision means the log has a hole (the
 * consumer has not caught up): refuse rather than return a text nobody ever saw.
 */
export function rebuildVersion(
  target: number,
  snapshot: { revision: number; text: string },
  ops: ReadonlyArray<{ revision: number; op: TextOp }>,
): string {
  let text = snapshot.text
  let revision = snapshot.revision
  for (const entry of ops) {
    if (entry.revision <= revision) continue
    if (entry.revision > target) break
    if (entry.revision !== revision + 1)
      throw new AppError('UNAVAILABLE', `the op log is missing revision ${revision + 1}; try again shortly`)
    text = apply(text, entry.op)
    revision = entry.revision
  }
  if (revision !== target) throw new AppError('NOT_FOUND', `revision ${target} is not in the log (yet)`)
  return text
}
