import type { RedisClient } from '@wired/redis'
import { AppError, type Logger, toAppError } from '@wired/runtime'
import type { ChannelRouter, GatewayConnection } from '@wired/ws'
import type { UsersClient } from '../../shared/clients'
import type { ConversationDirectory } from '../../shared/conversation-directory'
import {
  CLOSE_SESSION_EXPIRED,
  type ErrorFrame,
  type PresenceFrame,
  type PresenceView,
  type ReadyFrame,
  type TypingNoticeFrame,
} from '../../shared/frames'
import { inboxChannel } from '../../shared/redis-keys'
import type { MessageBatches } from '../adapters/message-batches'
import type { PresenceStore } from '../adapters/presence-store'
import type { SessionSockets } from '../adapters/session-sockets'
import { clientMessageIdHint, parseClientFrame } from '../domain/parse-frame'

export interface ChatPrincipal {
  userId: string
  handle: string
  /** When the token that opened the socket expires: the socket closes then (CLOSE_SESSION_EXPIRED). */
  expiresAtMs: number
  /** The token's hash: a sign-out of that session closes the socket at once (SIGNED_OUT_CHANNEL). */
  tokenHash: string
}

// setTimeout's ceiling (about 24.8 days); a session that outlives it is checked again then.
const MAX_TIMER_MS = 2 ** 31 - 1

export interface ChatSocketDeps {
  gatewayId: string
  /** The per-socket rate limit the gateway enforces, announced in the ready frame. */
  framesPerSecond: number
  /** Sends and receipts, batched with those of the gateway's other sockets. */
  messages: MessageBatches
  users: UsersClient
  directory: ConversationDirectory
  router: ChannelRouter<GatewayConnection<ChatPrincipal>>
  /** This gateway's sockets by the session that opened them. */
  sessions: SessionSockets
  presence: PresenceStore
  /** Commands connection (PUBLISH for typing and presence); not the subscriber. */
  redis: RedisClient
  logger: Logger
}

/**
 * One client socket, from the gateway's side. Frames are handled one at a time per socket (the
 * gateway kit waits for each handler), so one sender's messages reach the message service in
 * the order they were typed.
 */
export function chatSocket(deps: ChatSocketDeps) {
  const { messages, redis, router, presence, directory } = deps

  async function relay(userIds: readonly string[], frame: object): Promise<void> {
    const encoded = JSON.stringify(frame)
    await Promise.all(userIds.map((userId) => redis.publish(inboxChannel(userId), encoded)))
  }

  return (connection: GatewayConnection<ChatPrincipal>): void => {
    const { userId } = connection.principal
    let showLastSeen = true
    let closed = false
    // The token was checked once, at the upgrade; its expiry still ends the socket, and so does a
    // sign-out of its session, announced by the users service (SIGNED_OUT_CHANNEL).
    deps.sessions.add(connection.principal.tokenHash, connection)
    const expiry = setTimeout(
      () => connection.close(CLOSE_SESSION_EXPIRED, 'session expired'),
      Math.min(MAX_TIMER_MS, Math.max(0, connection.principal.expiresAtMs - Date.now())),
    )

    connection.onMessage(async (fields) => {
      let frame: ReturnType<typeof parseClientFrame>
      try {
        frame = parseClientFrame(fields)
      } catch (error) {
        return void connection.send(errorFrame(error, clientMessageIdHint(fields)))
      }
      try {
        switch (frame.type) {
          case 'send': {
            const { clientMessageId, conversationId, text, media } = frame
            const message = await messages.send({
              senderId: userId,
              conversationId,
              clientMessageId,
              text: text ?? '',
              media,
            })
            connection.send({ type: 'ack', clientMessageId, message })
            return
          }
          case 'delivered':
          case 'read':
            await messages.markReceipt(frame.type, userId, frame.conversationId, frame.seq)
            return
          case 'typing': {
            // Ephemeral: straight to the other members' inbox channels, no Kafka, no database.
            const memberIds = await directory.memberIds(frame.conversationId)
            if (!memberIds.includes(userId))
              throw new AppError('PERMISSION_DENIED', 'you are not a member of this conversation')
            const notice: TypingNoticeFrame = { type: 'typing', conversationId: frame.conversationId, userId }
            // Best effort, so the socket's next frame does not wait for Redis to answer: the
            // PUBLISH is queued on the one commands connection, which keeps a sender's notices
            // in order. A lost notice is the next keystroke's to repeat; a send is never like this.
            relay(
              memberIds.filter((id) => id !== userId),
              notice,
            ).catch((error: unknown) => deps.logger.warn({ err: error, userId }, 'typing notice not relayed'))
            return
          }
        }
      } catch (error) {
        connection.send(errorFrame(error, frame.type === 'send' ? frame.clientMessageId : undefined))
      }
    })

    connection.onClose(() => {
      clearTimeout(expiry)
      deps.sessions.remove(connection.principal.tokenHash, connection)
      closed = true
      leave().catch((error: unknown) => deps.logger.warn({ err: error, userId }, 'leaving failed'))
    })

    /**
     * SUBSCRIBE before "ready": once the client sees ready, every new frame for it reaches this
     * socket, and the client's REST sync covers everything before. Subscribing after the sync
     * would leave a window in which a message is neither in the sync nor pushed.
     */
    async function join(): Promise<void> {
      const first = await router.attach(userId, connection)
      // A socket that closed meanwhile has already left: marking it online now would be a lie.
      if (closed) return
      await presence.online(userId)
      const [{ contacts: list }, { settings }] = await Promise.all([
        deps.users.listContacts({ userId }),
        deps.users.getProfile({ userId }),
      ])
      showLastSeen = settings?.showLastSeen ?? true
      const known = await presence.lookup(list.map((contact) => contact.user!.userId))
      const snapshot: PresenceView[] = list.map(({ user, settings: theirs }) => {
        const state = known.get(user!.userId) ?? { online: false }
        return theirs?.showLastSeen === false
          ? { userId: user!.userId, online: state.online }
          : { userId: user!.userId, ...state }
      })
      if (closed) return
      const ready: ReadyFrame = {
        type: 'ready',
        userId,
        gatewayId: deps.gatewayId,
        presence: snapshot,
        limits: { framesPerSecond: deps.framesPerSecond },
      }
      connection.send(ready)
      if (first) await announce({ userId, online: true })
    }

    async function leave(): Promise<void> {
      if (!(await router.detach(userId, connection))) return
      const at = Date.now()
      await presence.offline(userId, at)
      await announce(showLastSeen ? { userId, online: false, lastSeenAtMs: at } : { userId, online: false })
    }

    /** To the user's contacts as they are now (asked again, since contacts may be added meanwhile). */
    async function announce(view: PresenceView): Promise<void> {
      const { contacts } = await deps.users.listContacts({ userId })
      const frame: PresenceFrame = { type: 'presence', presence: view }
      await relay(
        contacts.map((contact) => contact.user!.userId),
        frame,
      )
    }

    join().catch((error: unknown) => {
      deps.logger.warn({ err: error, userId }, 'joining failed')
      connection.close(1011, 'could not set up the session')
    })
  }
}

const SERVER_FAULTS = new Set(['INTERNAL', 'UNAVAILABLE', 'DEADLINE_EXCEEDED'])

/** Client errors keep their details (which field was wrong); server faults never carry any. */
function errorFrame(error: unknown, ref?: string): ErrorFrame {
  const { code, message, details } = toAppError(error)
  const frame: ErrorFrame = { type: 'error', code, message }
  if (ref !== undefined) frame.ref = ref
  if (details !== undefined && !SERVER_FAULTS.has(code)) frame.details = details
  return frame
}
