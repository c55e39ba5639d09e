import type { RedisClient } from '@wired/redis'
import { AppError, type Logger } from '@wired/runtime'
import type { GatewayConnection } from '@wired/ws'
import type { ChatRedisKeys } from '../../shared/chat-redis-keys'
import type { ChannelUserSockets } from '../adapters/channel-user-sockets'
import type { ChatEventsPublisher } from '../adapters/chat-events.publisher'
import type { ChatRules } from '../adapters/chat-rules.store'
import type { ViewerPresence } from '../adapters/viewer-presence'
import { cleanText, EMOTES, MAX_TEXT_CHARS, toParts } from '../domain/chat-text'
import { type ClientFrame, parseClientFrame, refOf } from '../domain/parse-frame'
import { CLOSE_BANNED, errorFrame, type MessageFrame, newMessageId } from './chat-frames'

export interface ChatPrincipal {
  /** The signed-in user's name; null for an anonymous (read-only) viewer. */
  user: string | null
  /** From `?channel=` in the upgrade URL; null when it is missing or malformed. */
  channel: string | null
}

export interface ChatSocketDeps {
  serverId: string
  redis: RedisClient
  keys: ChatRedisKeys
  rules: ChatRules
  presence: ViewerPresence
  events: ChatEventsPublisher
  /** Attaches the socket to its channel's Redis channel (SUBSCRIBE on the first socket here). */
  attach(channel: string, connection: GatewayConnection<ChatPrincipal>): Promise<unknown>
  detach(channel: string, connection: GatewayConnection<ChatPrincipal>): Promise<unknown>
  bySocketUser: ChannelUserSockets
  limits: { messagesPerWindow: number; windowSeconds: number; framesPerSecond: number }
  logger: Logger
}

/**
 * One viewer's socket, joined to one channel for its whole life (the channel is in the upgrade
 * URL, so a ban can refuse the upgrade itself). Every frame for the channel, including this
 * socket's own messages, comes back through the channel's Redis channel: Redis orders the
 * channel's frames once, and viewers on both servers see them in that one order.
 */
export function chatSocket(deps: ChatSocketDeps) {
  const { keys, redis, rules } = deps
  const broadcast = (channel: string, frame: object) => redis.publish(keys.room(channel), JSON.stringify(frame))

  return (connection: GatewayConnection<ChatPrincipal>): void => {
    const { user, channel } = connection.principal
    if (channel === null) {
      connection.send(errorFrame(new AppError('INVALID_ARGUMENT', 'connect to /chat?channel=<3–24 of a-z 0-9 _>')))
      connection.close(1008, 'missing or malformed channel')
      return
    }
    // Narrowed once, for the closures below.
    const at: string = channel
    const isOwner = user === at
    if (user !== null) deps.bySocketUser.add(channel, user, connection)

    connection.onMessage(async (fields) => {
      const ref = refOf(fields)
      try {
        await handle(parseClientFrame(fields))
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE')
          deps.logger.error({ err: error, channel: at }, 'chat frame failed')
        connection.send(errorFrame(error, ref))
        // A ban that reached this socket before the control message did: close it the same way.
        if (error instanceof AppError && error.details?.reason === 'banned')
          connection.close(CLOSE_BANNED, 'banned from this channel')
      }
    })

    async function handle(frame: ClientFrame): Promise<void> {
      if (user === null)
        throw new AppError(
          'UNAUTHENTICATED',
          'anonymous sockets are read-only: sign up (POST /api/users) and connect with the token',
        )
      if (frame.type === 'send') {
        const text = cleanText(frame.text)
        await rules.admit(at, user, isOwner)
        const message: MessageFrame = {
          type: 'message',
          channel: at,
          id: newMessageId(),
          user,
          parts: toParts(text),
          at: Date.now(),
        }
        // Broadcast and the analytics record together: the viewers do not wait for Kafka's acks,
        // the sender's ack does (an acknowledged message is on Kafka).
        await Promise.all([
          broadcast(message.channel, message),
          deps.events.messagePosted({ ...message, textLength: [...text].length }),
        ])
        connection.send({ type: 'ack', ref: frame.ref, id: message.id })
        return
      }
      if (!isOwner) throw new AppError('PERMISSION_DENIED', `only #${channel}'s owner can ${frame.type}`)
      switch (frame.type) {
        case 'delete':
          await broadcast(at, { type: 'deleted', channel: at, id: frame.id })
          break
        case 'ban':
          if (frame.user === at) throw new AppError('INVALID_ARGUMENT', 'the owner cannot ban themselves')
          // The ban is stored first (both servers refuse the user's next upgrade and send), then
          // every server closes the user's open sockets (control channel), then viewers hear of it.
          await rules.ban(at, frame.user)
          await redis.publish(keys.control, JSON.stringify({ channel: at, user: frame.user }))
          await broadcast(at, { type: 'banned', channel: at, user: frame.user })
          break
        case 'unban':
          await rules.unban(at, frame.user)
          break
        case 'slow-mode':
          await rules.setSlowMode(at, frame.seconds)
          await broadcast(at, { type: 'slow-mode', channel: at, seconds: frame.seconds })
          break
      }
      connection.send({ type: 'ack', ref: frame.ref })
    }

    let closed = false
    connection.onClose(() => {
      closed = true
      if (user !== null) deps.bySocketUser.remove(channel, user, connection)
      Promise.all([deps.detach(channel, connection), deps.presence.leave(channel, connection.id)]).catch(
        (error: unknown) => deps.logger.warn({ err: error, channel }, 'leaving failed'),
      )
    })

    async function join(): Promise<void> {
      await deps.attach(at, connection)
      await deps.presence.join(at, connection.id)
      // A socket that closed meanwhile has left already: counting it now would be a lie.
      if (closed) return deps.presence.leave(at, connection.id)
      connection.send({
        type: 'welcome',
        server: deps.serverId,
        channel,
        user,
        owner: channel,
        slowModeSeconds: await rules.slowModeSeconds(at),
        limits: { maxChars: MAX_TEXT_CHARS, ...deps.limits },
        emotes: EMOTES,
      })
    }
    join().catch((error: unknown) => {
      deps.logger.warn({ err: error, channel }, 'joining failed')
      connection.close(1011, 'could not join the channel')
    })
  }
}
