import { describe, expect, it } from 'vitest'
import { followerCounts, followGraph } from './follow-graph'

describe('followGraph', () => {
  const graph = followGraph({ users: 2_000, followsPerUser: 100 })
  const counts = followerCounts(graph)

  it('gives everyone about followsPerUser followees, never themselves, never twice', () => {
    for (const [user, followees] of graph.entries()) {
      expect(followees.length).toBe(100)
      expect(new Set(followees).size).toBe(followees.length)
      expect(followees).not.toContain(user)
    }
  })
  it('is a power law: the top account is followed by most, the median by few', () => {
    const sorted = [...counts].sort((a, b) => b - a)
    expect(sorted[0]).toBeGreaterThan(1_500)
    expect(sorted[1_000]).toBeLessThan(50)
  })
  it('is reproducible from its seed', () =>
    expect(followGraph({ users: 50, followsPerUser: 5, seed: 7 })).toEqual(
      followGraph({ users: 50, followsPerUser: 5, seed: 7 }),
    ))
})
