import { describe, expect, it } from 'vitest'
import { createTokenIssuer } from './tokens'

describe('tokens', () => {
  const issuer = createTokenIssuer('a-secret-of-sixteen+', 1000)

  it('round-trips claims and refuses forged, tampered or expired tokens', () => {
    const token = issuer.issue('alice', 'rider', 0)
    expect(issuer.verify(token, 500)).toEqual({ sub: 'alice', role: 'rider', exp: 1000 })
    expect(() => issuer.verify(token, 1000)).toThrow(/expired/)
    const forged = createTokenIssuer('another-secret-16chars').issue('alice', 'rider', 0)
    expect(() => issuer.verify(forged, 500)).toThrow(/bad signature/)
    const [, signature] = token.split('.')
    const promoted = Buffer.from(JSON.stringify({ sub: 'alice', role: 'driver', exp: 1000 })).toString('base64url')
    expect(() => issuer.verify(`${promoted}.${signature}`, 500)).toThrow(/bad signature/)
    expect(() => issuer.verify('garbage', 500)).toThrow(/malformed/)
  })
})
