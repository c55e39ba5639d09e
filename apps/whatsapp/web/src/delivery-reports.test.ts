import { describe, expect, it } from 'vitest'
import { DeliveryReports } from './delivery-reports'

describe('DeliveryReports', () => {
  it('owes one cumulative receipt per conversation, and none for a position already reported', () => {
    const reports = new DeliveryReports()
    const positions: Record<string, number> = { a: 5, b: 2 }
    reports.note('a')
    reports.note('a')
    reports.note('b')
    expect(reports.take((id) => positions[id]!)).toEqual([
      { conversationId: 'a', seq: 5 },
      { conversationId: 'b', seq: 2 },
    ])
    reports.sentUpTo('a', 5)
    reports.note('a')
    expect(reports.take((id) => positions[id]!)).toEqual([])
    expect(reports.pending).toBe(false)
  })
})
