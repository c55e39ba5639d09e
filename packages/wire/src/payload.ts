import { PAYLOAD_PREVIEW_CHARS } from './vocabulary'

/**
 * A payload as readable JSON for the wire panel, cut at PAYLOAD_PREVIEW_CHARS. Bytes show as
 * their length (a record value that was not decoded, an image), 64-bit integers as text.
 * It never throws: a preview that cannot be made says so instead.
 */
export function previewOf(value: unknown): string {
  let text: string
  try {
    text =
      typeof value === 'string'
        ? value.replace(SECRET_IN_JSON, '"$1":"(redacted)"')
        : (JSON.stringify(value, replacer) ?? String(value))
  } catch (error) {
    text = `(no preview: ${error instanceof Error ? error.message : String(error)})`
  }
  return text.length > PAYLOAD_PREVIEW_CHARS ? `${text.slice(0, PAYLOAD_PREVIEW_CHARS)}…` : text
}

/** Fields whose values never reach a trace: traces go to Zipkin, which anyone on the host may read. */
const SECRET_KEY = /^(password|newPassword|token|accessToken|refreshToken|secret|authorization|streamKey)$/i
const SECRET_IN_JSON =
  /"(password|newPassword|token|accessToken|refreshToken|secret|authorization|streamKey)":"(?:[^"\\]|\\.)*"/gi

function replacer(key: string, value: unknown): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null) return '(redacted)'
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return `(${value.byteLength} bytes)`
  // JSON.stringify has already turned a Buffer into { type: 'Buffer', data: [...] } by now.
  if (isSerializedBuffer(value)) return `(${value.data.length} bytes)`
  return value
}

function isSerializedBuffer(value: unknown): value is { type: 'Buffer'; data: number[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  )
}
