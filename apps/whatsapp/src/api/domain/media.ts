import { AppError } from '@wired/runtime'

export const ALLOWED_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export type MediaType = (typeof ALLOWED_MEDIA_TYPES)[number]

/**
 * The type the bytes actually are, from their first bytes ("magic numbers"). The declared
 * Content-Type is the client's claim; serving an HTML page labelled image/png from our origin
 * would be an XSS hole, so the two must agree.
 */
export function sniffImageType(bytes: Uint8Array): MediaType | undefined {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  // RIFF....WEBP
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp'
  return undefined
}

/** Checks an upload against the limits; returns its media type. Nothing is stored when this throws. */
export function checkUpload(declaredType: string | undefined, bytes: Uint8Array, maxBytes: number): MediaType {
  const declared = (declaredType ?? '').split(';')[0]!.trim().toLowerCase()
  if (!(ALLOWED_MEDIA_TYPES as readonly string[]).includes(declared))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `media must be one of ${ALLOWED_MEDIA_TYPES.join(', ')}`, {
      contentType: declared,
    })
  if (bytes.byteLength === 0) throw new AppError('INVALID_ARGUMENT', 'the upload is empty')
  if (bytes.byteLength > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `media is larger than ${maxBytes} bytes`, { maxBytes })
  const actual = sniffImageType(bytes)
  if (actual !== declared)
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `the bytes are not ${declared}${actual ? ` (they look like ${actual})` : ''}`,
    )
  return declared as MediaType
}
