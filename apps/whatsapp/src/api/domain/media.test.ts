import { describe, expect, it } from 'vitest'
import { checkUpload, sniffImageType } from './media'

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
const html = new TextEncoder().encode('<script>alert(1)</script>')

describe('media checks', () => {
  it('recognises images by their first bytes', () => {
    expect(sniffImageType(png)).toBe('image/png')
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffImageType(html)).toBeUndefined()
  })

  it('accepts an image whose bytes match its declared type', () => {
    expect(checkUpload('image/png', png, 1024)).toBe('image/png')
  })

  it('refuses other types, lies about the type, empty and oversize uploads', () => {
    expect(() => checkUpload('text/html', html, 1024)).toThrow(/media must be one of/)
    expect(() => checkUpload('image/png', html, 1024)).toThrow(/bytes are not image\/png/)
    expect(() => checkUpload('image/jpeg', png, 1024)).toThrow(/look like image\/png/)
    expect(() => checkUpload('image/png', new Uint8Array(), 1024)).toThrow(/empty/)
    expect(() => checkUpload('image/png', png, 8)).toThrow(/larger than 8 bytes/)
  })
})
