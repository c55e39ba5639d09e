import type { IncomingMessage } from 'node:http'
import { type Logger, toAppError } from '@wired/runtime'
import type { GatewayConnection } from '@wired/ws'
import type { AccessClaims } from '../../shared/access-token'
import type { Submission } from '../../shared/editor-state'
import { CLOSE_NO_DOCUMENT, type PresenceView, type ServerFrame } from '../../shared/frames'
import { canEdit } from '../../shared/roles'
import type { Outcome } from '../domain/document-authority'
import { parseClientFrame } from '../domain/parse-frame'
import { type JoinDeps, joinDocument } from '../use-cases/join-document'

export interface EditorSocketDeps extends JoinDeps {
  submit(docId: string, authorId: string, submission: Submission): Promise<Outcome>
  logger: Logger
}

const ROLE_TTL_MS = 1_000

/**
 * One editor's socket on `/ws?doc=<id>`. The token was checked at the upgrade; the role is checked
 * on join and again at most once a second while ops arrive (a revoked share stops within a second). Frames are
 * handled one at a time per socket, so an editor's ops reach the authority in the order typed.
 * The ack of an op is the op itself coming back on the document's channel with its revision.
 */
export function editorSocket(deps: EditorSocketDeps) {
  return (connection: GatewayConnection<AccessClaims>, request: IncomingMessage): void => {
    const user = connection.principal
    const docId = new URL(request.url ?? '/', 'http://host').searchParams.get('doc') ?? ''
    let me: PresenceView | undefined
    // The role, read again at most once a second: a revoked share stops this socket's ops within
    // a second, and a fast typist does not pay a Redis round trip per keystroke.
    let role: { value: string | null; at: number } | undefined
    const currentRole = async () => {
      if (!role || Date.now() - role.at > ROLE_TTL_MS)
        role = { value: await deps.access.roleOf(docId, user.userId), at: Date.now() }
      return role.value
    }
    const send = (frame: ServerFrame) => connection.send(frame)

    // The router may deliver an op or a presence change before `ready` is sent (the SUBSCRIBE
    // comes first on purpose): hold those frames and send them right after it, so a client always
    // reads `ready` first. Ops older than ready's revision are ignored by the client.
    const early: Array<string | Buffer> = []
    let live = false
    const reader = {
      sendEncoded: (frame: string | Buffer) => {
        if (live) return connection.sendEncoded(frame)
        early.push(frame)
        return true
      },
    }
    const joined = joinDocument(deps, docId, user, 'ws', reader).then(
      (ready) => {
        me = ready.presence.find((p) => p.sessionId === ready.sessionId)
        send(ready)
        live = true
        for (const frame of early.splice(0)) connection.sendEncoded(frame)
      },
      (error: unknown) => {
        const { message } = toAppError(error)
        connection.close(CLOSE_NO_DOCUMENT, message.slice(0, 120))
      },
    )

    connection.onMessage(async (fields) => {
      await joined
      if (!me) return
      let opId: string | undefined
      try {
        const frame = parseClientFrame(fields)
        switch (frame.type) {
          case 'op': {
            opId = frame.opId
            if (!canEdit(await currentRole()))
              return void send({
                type: 'error',
                code: 'PERMISSION_DENIED',
                message: 'you may only view this document',
                opId,
              })
            const outcome = await deps.submit(docId, user.userId, frame)
            // Applied: the broadcast on the document's channel is the ack. A duplicate was applied
            // before: say at which revision, and the editor catches up to it by `sync` if needed.
            if (outcome.kind === 'duplicate')
              send({
                type: 'error',
                code: 'ALREADY_EXISTS',
                message: `op ${opId} was applied already at revision ${outcome.revision}`,
                opId,
              })
            return
          }
          case 'sync':
            return void send({ type: 'ops', ops: await deps.heads.since(docId, frame.after) })
          case 'cursor':
            me = { ...me, cursor: frame.cursor, revision: frame.revision, at: Date.now() }
            return void (await deps.presence.update(docId, me))
        }
      } catch (error) {
        const { code, message } = toAppError(error)
        send({
          type: 'error',
          code,
          // toAppError already hides an internal fault's message ('internal error').
          message,
          ...(opId ? { opId } : {}),
        })
      }
    })

    connection.onClose(() => {
      void joined
        .then(async () => {
          await deps.router.detach(docId, reader)
          if (me) await deps.presence.leave(docId, me.sessionId)
        })
        .catch((error: unknown) => deps.logger.warn({ err: error, docId }, 'leaving failed'))
    })
  }
}
