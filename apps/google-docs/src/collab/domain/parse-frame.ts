import { AppError } from '@wired/runtime'
import type { ClientFrame } from '../../shared/frames'
import { describeInvalidOp, type TextOp } from '../../shared/text-op'

const OP_ID = /^[A-Za-z0-9_-]{1,64}$/

const revision = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new AppError('INVALID_ARGUMENT', `${field} must be a non-negative integer`)
  return value
}

/** An op submission from any transport: an id, the revision it was made against, the op. */
export function parseSubmission(fields: Record<string, unknown>): { opId: string; baseRevision: number; op: TextOp } {
  if (typeof fields.opId !== 'string' || !OP_ID.test(fields.opId))
    throw new AppError('INVALID_ARGUMENT', 'opId must be 1-64 characters of A-Z a-z 0-9 _ -')
  const problem = describeInvalidOp(fields.op)
  if (problem) throw new AppError('INVALID_ARGUMENT', problem)
  return { opId: fields.opId, baseRevision: revision(fields.baseRevision, 'baseRevision'), op: fields.op as TextOp }
}

/** A WS frame, checked field by field: whatever a client sends, the answer is a clear error. */
export function parseClientFrame(fields: Record<string, unknown>): ClientFrame {
  switch (fields.type) {
    case 'op':
      return { type: 'op', ...parseSubmission(fields) }
    case 'cursor':
      return {
        type: 'cursor',
        cursor: revision(fields.cursor, 'cursor'),
        revision: revision(fields.revision, 'revision'),
      }
    case 'sync':
      return { type: 'sync', after: revision(fields.after, 'after') }
    default:
      throw new AppError('INVALID_ARGUMENT', "type must be 'op', 'cursor' or 'sync'")
  }
}
