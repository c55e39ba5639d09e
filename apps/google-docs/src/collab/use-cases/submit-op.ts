import { AppError } from '@wired/runtime'
import type { Submission } from '../../shared/editor-state'
import type { ReplicaMailbox } from '../adapters/replica-mailbox'
import type { Outcome } from '../domain/document-authority'
import type { Leadership } from './leadership'

/**
 * An editor's op, from whichever transport it came: to this replica's authority if it leads the
 * document, else forwarded to the replica that does. If nobody answers (the leader was just
 * killed), it keeps looking until the dead leader's lease has expired and a replica, likely this
 * one, takes the document over from Redis. The op id makes every retry safe.
 */
export async function submitOp(
  deps: { leadership: Leadership; mailbox: ReplicaMailbox; patienceMs: number },
  docId: string,
  authorId: string,
  submission: Submission,
): Promise<Outcome> {
  const deadline = Date.now() + deps.patienceMs
  for (;;) {
    try {
      const authority = await deps.leadership.find(docId)
      if ('led' in authority) return await authority.led.submit(authorId, submission)
      if (authority.holder === undefined) continue // the lease expired between two reads: take it
      return await deps.mailbox.forward(authority.holder, docId, authorId, submission)
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'UNAVAILABLE' || Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
