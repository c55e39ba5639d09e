import { randomUUID } from 'node:crypto'
import { AppError } from '@wired/runtime'
import type { ChannelRouter, RoutedSocket } from '@wired/ws'
import type { AccessClaims } from '../../shared/access-token'
import type { PresenceView, ServerFrame, Transport } from '../../shared/frames'
import { canRead } from '../../shared/roles'
import type { AccessList } from '../adapters/access-list'
import type { HeadStore } from '../adapters/head-store'
import type { PresenceBoard } from '../adapters/presence-board'
import { sessionColour } from '../domain/session-colour'

export interface JoinDeps {
  access: AccessList
  heads: HeadStore
  presence: PresenceBoard
  router: ChannelRouter<RoutedSocket>
  replicaId: string
}

export type ReadyFrame = Extract<ServerFrame, { type: 'ready' }>

/**
 * Any transport's first step into a document: check the role, SUBSCRIBE to the document's
 * channel (via the router, once per replica), then read the head. In that order: every op
 * applied after the read reaches the reader by the channel, and one applied in between arrives
 * both ways, which the editor's revision check makes harmless.
 */
export async function joinDocument(
  deps: JoinDeps,
  docId: string,
  user: AccessClaims,
  transport: Transport,
  reader: RoutedSocket | undefined,
): Promise<ReadyFrame> {
  const role = await deps.access.roleOf(docId, user.userId)
  if (!canRead(role)) throw new AppError('NOT_FOUND', 'no such document, or it is not shared with you')
  if (reader) await deps.router.attach(docId, reader)
  const head = await deps.heads.revision(docId)
  const sessionId = randomUUID()
  const me: PresenceView = {
    sessionId,
    userId: user.userId,
    handle: user.handle,
    colour: sessionColour(sessionId),
    cursor: 0,
    revision: head.revision,
    transport,
    at: Date.now(),
  }
  // Viewers are shown too: the page lists who is reading, not only who is typing.
  await deps.presence.update(docId, me)
  return {
    type: 'ready',
    docId,
    sessionId,
    revision: head.revision,
    text: head.text,
    colour: me.colour,
    role: role!,
    replica: deps.replicaId,
    presence: await deps.presence.list(docId),
  }
}
