import { AppError } from '@wired/runtime'
import { LIMITS } from '../../shared/frames'
import { requireUuid } from '../../shared/ids'
import { messageTextProblem } from '../../shared/message-text'

export interface SendCommand {
  senderId: string
  conversationId: string
  clientMessageId: string
  text: string
  media?: { url: string; contentType: string }
}

/**
 * Everything about a send that can be checked without a database: ids, the client's message id
 * (the idempotency key), the text (length in code points, no control characters), the media
 * reference (only a URL our media service issued: `mediaUrlPrefix` + an id). Nothing is stored
 * for a send that fails here. The gateway checks the text too, but
 * any gRPC caller can reach this service without passing a gateway.
 */
export function checkSend(command: SendCommand, mediaUrlPrefix: string): SendCommand {
  const senderId = requireUuid(command.senderId, 'senderId')
  const conversationId = requireUuid(command.conversationId, 'conversationId')
  if (!LIMITS.clientMessageIdPattern.test(command.clientMessageId))
    throw new AppError('INVALID_ARGUMENT', 'clientMessageId must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -', {
      field: 'clientMessageId',
    })
  const textProblem = messageTextProblem(command.text)
  if (textProblem !== undefined) throw new AppError('INVALID_ARGUMENT', textProblem, { field: 'text' })
  if (command.text.trim() === '' && command.media === undefined)
    throw new AppError('INVALID_ARGUMENT', 'a message needs text or media', { field: 'text' })
  const media = command.media && checkMedia(command.media, mediaUrlPrefix)
  return { senderId, conversationId, clientMessageId: command.clientMessageId, text: command.text, media }
}

/**
 * A recipient's browser fetches media.url as soon as the message shows. Any URL at all would let
 * a sender make it fetch a third party's address (tracking who read the message, and when), so
 * only the media service's own `<prefix><id>` URLs are accepted.
 */
function checkMedia(media: { url: string; contentType: string }, mediaUrlPrefix: string) {
  let url: URL
  try {
    url = new URL(media.url)
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'media.url must be an absolute URL', { field: 'media.url' })
  }
  const id = url.href.startsWith(mediaUrlPrefix) ? url.href.slice(mediaUrlPrefix.length) : ''
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
    throw new AppError('INVALID_ARGUMENT', `media.url must be one the media service issued (${mediaUrlPrefix}<id>)`, {
      field: 'media.url',
    })
  if (!/^image\/(png|jpeg|gif|webp)$/.test(media.contentType))
    throw new AppError('INVALID_ARGUMENT', 'media.contentType must be image/png, jpeg, gif or webp', {
      field: 'media.contentType',
    })
  return { url: url.toString(), contentType: media.contentType }
}

/**
 * The idempotency key of a send is (sender, clientMessageId), so a resend finds the message
 * stored under it. A resend names the same conversation; a key reused for another conversation
 * is a client bug (or two messages sharing an id), and answering it with the first message's
 * ack would tell the client that a message it never delivered had arrived.
 */
export function checkResend(stored: { conversationId: string }, command: SendCommand): void {
  if (stored.conversationId !== command.conversationId)
    throw new AppError(
      'ALREADY_EXISTS',
      `clientMessageId ${command.clientMessageId} was already used in another conversation`,
      { field: 'clientMessageId' },
    )
}

/** Members may post; everyone else is refused, whether or not the conversation exists for them. */
export function checkMembership(memberIds: readonly string[], userId: string): void {
  if (!memberIds.includes(userId))
    throw new AppError('PERMISSION_DENIED', 'you are not a member of this conversation', { field: 'conversationId' })
}
