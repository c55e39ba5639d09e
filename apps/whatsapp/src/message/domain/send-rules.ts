import { AppError } from '@wired/runtime'
import { LIMITS } from '../../shared/frames'
import { requireUuid } from '../../shared/ids'

export interface SendCommand {
  senderId: string
  conversationId: string
  clientMessageId: string
  text: string
  media?: { url: string; contentType: string }
}

/**
 * Everything about a send that can be checked without a database: ids, the client's message id
 * (the idempotency key), text length, the media reference. Nothing is stored for a send that
 * fails here.
 */
export function checkSend(command: SendCommand): SendCommand {
  const senderId = requireUuid(command.senderId, 'senderId')
  const conversationId = requireUuid(command.conversationId, 'conversationId')
  if (!LIMITS.clientMessageIdPattern.test(command.clientMessageId))
    throw new AppError('INVALID_ARGUMENT', 'clientMessageId must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -', {
      field: 'clientMessageId',
    })
  if (command.text.length > LIMITS.maxTextLength)
    throw new AppError('INVALID_ARGUMENT', `text is longer than ${LIMITS.maxTextLength} characters`, { field: 'text' })
  if (command.text.trim() === '' && command.media === undefined)
    throw new AppError('INVALID_ARGUMENT', 'a message needs text or media', { field: 'text' })
  const media = command.media && checkMedia(command.media)
  return { senderId, conversationId, clientMessageId: command.clientMessageId, text: command.text, media }
}

function checkMedia(media: { url: string; contentType: string }) {
  let url: URL
  try {
    url = new URL(media.url)
  } catch {
    throw new AppError('INVALID_ARGUMENT', 'media.url must be an absolute URL', { field: 'media.url' })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('INVALID_ARGUMENT', 'media.url must be http or https', { field: 'media.url' })
  if (!/^image\/(png|jpeg|gif|webp)$/.test(media.contentType))
    throw new AppError('INVALID_ARGUMENT', 'media.contentType must be image/png, jpeg, gif or webp', {
      field: 'media.contentType',
    })
  return { url: url.toString(), contentType: media.contentType }
}

/** Members may post; everyone else is refused, whether or not the conversation exists for them. */
export function checkMembership(memberIds: readonly string[], userId: string): void {
  if (!memberIds.includes(userId))
    throw new AppError('PERMISSION_DENIED', 'you are not a member of this conversation', { field: 'conversationId' })
}
