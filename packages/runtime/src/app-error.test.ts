import { describe, expect, it } from 'vitest'
import { AppError, toAppError } from './app-error'

describe('AppError', () => {
  it('keeps its code and message', () => {
    const error = new AppError('NOT_FOUND', 'no such conversation', { id: 'c1' })
    expect(error.code).toBe('NOT_FOUND')
    expect(toAppError(error)).toBe(error)
  })

  it('hides the details of unknown errors behind INTERNAL', () => {
    const mapped = toAppError(new Error('password=hunter2 in stack'))
    expect(mapped.code).toBe('INTERNAL')
    expect(mapped.message).toBe('internal error')
  })
})
