import type { Component as ComponentMessage, OperationApplied } from '@wired/proto/googledocs/v1/events'
import type { AppliedOp } from './editor-state'
import type { Component, TextOp } from './text-op'

/** A Kafka record value (protobuf) from an applied op, and back: the op log's one mapping. */
export function toOperationApplied(docId: string, op: AppliedOp, fence: number, appliedAt: number): OperationApplied {
  return {
    documentId: docId,
    revision: op.revision,
    opId: op.opId,
    authorId: op.authorId,
    components: op.op.map(toComponentMessage),
    fence,
    appliedAt,
  }
}

export function fromOperationApplied(
  message: OperationApplied,
): AppliedOp & { docId: string; fence: number; appliedAt: number } {
  return {
    docId: message.documentId,
    revision: Number(message.revision),
    opId: message.opId,
    authorId: message.authorId,
    op: message.components.map(fromComponentMessage),
    fence: Number(message.fence),
    appliedAt: Number(message.appliedAt),
  }
}

function toComponentMessage(c: Component): ComponentMessage {
  if (typeof c === 'number') return { kind: { $case: 'retain', value: c } }
  if (typeof c === 'string') return { kind: { $case: 'insert', value: c } }
  return { kind: { $case: 'delete', value: c.d } }
}

function fromComponentMessage(c: ComponentMessage): TextOp[number] {
  switch (c.kind?.$case) {
    case 'retain':
      return c.kind.value
    case 'insert':
      return c.kind.value
    case 'delete':
      return { d: c.kind.value }
    default:
      throw new Error('an op component with no kind')
  }
}
