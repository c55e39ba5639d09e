import { describe, expect, it } from 'vitest'
import { userTokens } from './user-token'

describe('user tokens', () => {
  const tokens = userTokens('a deployment secret of enough length!!')
  const ada = { userId: 'u_AAAAAAAAAAAA', name: 'ada_plays' }

  it('names the user it was issued to', () => {
    expect(tokens.verify(tokens.issue(ada))).toEqual(ada)
  })

  it('refuses a forged name, another deployment, an expired token and garbage', () => {
    const token = tokens.issue(ada)
    expect(() => tokens.verify(token.replace('ada_plays', 'bob_plays'))).toThrow('invalid user token')
    expect(() => userTokens('another secret of enough length!!!!!').verify(token)).toThrow('invalid user token')
    expect(() => tokens.verify(tokens.issue(ada, 0))).toThrow('expired')
    expect(() => tokens.verify('anonymous')).toThrow('malformed')
    expect(() => tokens.verify(42)).toThrow('malformed')
  })
})
