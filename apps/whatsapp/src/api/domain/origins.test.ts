import { describe, expect, it } from 'vitest'
import { originAllowed } from './origins'

describe('originAllowed', () => {
  it('matches exact origins and any-port entries, nothing else', () => {
    const allowed = ['https://chat.example', 'http://127.0.0.1:*']
    expect(originAllowed('https://chat.example', allowed)).toBe(true)
    expect(originAllowed('http://127.0.0.1:41234', allowed)).toBe(true)
    expect(originAllowed('http://127.0.0.1.evil.example:80', allowed)).toBe(false)
    expect(originAllowed('https://chat.example.evil', allowed)).toBe(false)
    expect(originAllowed('http://localhost:8080', allowed)).toBe(false)
  })
})
