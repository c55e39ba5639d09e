import { AppError } from '@wired/runtime'
import { type ClientFrame, LIMITS, type MediaView } from '../../shared/frames'
import { isUuid } from '../../shared/ids'
import { messageTextProblem } from '../../shared/message-text'

type Fields = Record<string, unknown>

/**
 * Turns one decoded frame (the gateway kit has already refused non-JSON, non-object and binary
 * frames) into a ClientFrame, or refuses it with INVALID_ARGUMENT and a message a developer can
 * act on, naming the field in `details`. Only the frame itself is checked here; whether the
 * user may post to the conversation is the message service's decision.
 */
export function parseClientFrame(fields: Fields): ClientFrame {
  switch (fields.type) {
    case 'send':
      return {
        type: 'send',
        conversationId: conversationIdOf(fields),
        clientMessageId: clientMessageIdOf(fields),
        text: textOf(fields),
        media: mediaOf(fields),
      }
    case 'delivered':
    case 'read':
      return { type: fields.type, conversationId: conversationIdOf(fields), seq: seqOf(fields) }
    case 'typing':
      return { type: 'typing', conversationId: conversationIdOf(fields) }
    default:
      throw invalid(
        typeof fields.type === 'string'
          ? `unknown frame type '${fields.type.slice(0, 40)}' (expected send, delivered, read or typing)`
          : 'frame needs a string "type"',
      )
  }
}

function conversationIdOf(fields: Fields): string {
  if (!isUuid(fields.conversationId)) throw invalid('conversationId must be a UUID', 'conversationId')
  return fields.conversationId.toLowerCase()
}

function clientMessageIdOf(fields: Fields): string {
  const id = fields.clientMessageId
  if (typeof id !== 'string' || !LIMITS.clientMessageIdPattern.test(id))
    throw invalid('clientMessageId must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -', 'clientMessageId')
  return id
}

function seqOf(fields: Fields): number {
  const seq = fields.seq
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1)
    throw invalid('seq must be a positive integer', 'seq')
  return seq
}

/** Refused here as well as in the message service, so a bad text never costs a gRPC call. */
function textOf(fields: Fields): string {
  const text = fields.text === undefined ? '' : fields.text
  if (typeof text !== 'string') throw invalid('text must be a string', 'text')
  const problem = messageTextProblem(text)
  if (problem !== undefined) throw invalid(problem, 'text')
  return text
}

function mediaOf(fields: Fields): MediaView | undefined {
  const media = fields.media
  if (media === undefined) return undefined
  if (typeof media !== 'object' || media === null) throw invalid('media must be an object', 'media')
  const { url, contentType } = media as Fields
  if (typeof url !== 'string' || typeof contentType !== 'string')
    throw invalid('media needs a string url and contentType', 'media')
  return { url, contentType }
}

const invalid = (message: string, field?: string) =>
  new AppError('INVALID_ARGUMENT', message, field === undefined ? undefined : { field })

/** The clientMessageId of a frame we refused, if it has a usable one, so the error names the send. */
export function clientMessageIdHint(fields: Fields): string | undefined {
  const id = fields.clientMessageId
  return typeof id === 'string' && LIMITS.clientMessageIdPattern.test(id) ? id : undefined
}
