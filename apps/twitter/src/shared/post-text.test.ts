import { describe, expect, it } from 'vitest'
import { checkPostText, hashtagsOf, MAX_POST_CODE_POINTS } from './post-text'

describe('checkPostText', () => {
  it('keeps text, trimmed', () => expect(checkPostText('  hello #world \n')).toBe('hello #world'))
  it('counts code points, so 280 emoji fit and 281 do not', () => {
    expect(checkPostText('🚀'.repeat(MAX_POST_CODE_POINTS))).toHaveLength(MAX_POST_CODE_POINTS * 2)
    expect(() => checkPostText('🚀'.repeat(MAX_POST_CODE_POINTS + 1))).toThrow(/at most 280/)
  })
  it('refuses empty text, NUL and lone surrogates', () => {
    expect(() => checkPostText('   ')).toThrow(/some text/)
    expect(() => checkPostText('a\u0000b')).toThrow(/control/)
    expect(() => checkPostText('a\ud800b')).toThrow(/surrogate/)
  })
})

describe('hashtagsOf', () => {
  it('finds tags once each, lower-cased, in any script', () =>
    expect(hashtagsOf('#Kafka and #kafka, #Café_2 x#not #日本')).toEqual(['kafka', 'café_2', '日本']))
  it('finds none in plain text', () => expect(hashtagsOf('no tags # here')).toEqual([]))
})
