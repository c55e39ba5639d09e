import { seededRandom } from '@wired/runtime'

/**
 * A follow graph with the shape of a real one: everyone follows about the same number of
 * accounts, but whom they follow is drawn from a Zipf (power-law) popularity, so a few accounts
 * collect most of the follows (the celebrities the hybrid fan-out exists for) and most collect
 * a handful. Pure and seeded: the same inputs give the same graph.
 */
export interface FollowGraphOptions {
  users: number
  followsPerUser: number
  /** Zipf exponent: 1 is the classic; larger concentrates followers on fewer accounts. */
  exponent?: number
  seed?: number
}

/** The followees of each user: `graph[i]` lists indexes (0 = the most popular account). */
export function followGraph(options: FollowGraphOptions): number[][] {
  const { users, exponent = 1 } = options
  const random = seededRandom(options.seed ?? 42)
  const cumulative = new Float64Array(users)
  let total = 0
  for (let rank = 0; rank < users; rank += 1) {
    total += 1 / (rank + 1) ** exponent
    cumulative[rank] = total
  }
  const draw = () => {
    const target = random() * total
    let low = 0
    let high = users - 1
    while (low < high) {
      const mid = (low + high) >> 1
      if (cumulative[mid]! < target) low = mid + 1
      else high = mid
    }
    return low
  }
  const follows = Math.min(options.followsPerUser, users - 1)
  return Array.from({ length: users }, (_, user) => {
    const chosen = new Set<number>()
    // Rejection sampling: a popular account drawn twice is drawn again. The attempt cap keeps a
    // tiny graph (where the tail is short) from looping; it then has slightly fewer follows.
    for (let attempts = 0; chosen.size < follows && attempts < follows * 50; attempts += 1) {
      const followee = draw()
      if (followee !== user) chosen.add(followee)
    }
    return [...chosen]
  })
}

/** Follower counts per account, from a graph. */
export function followerCounts(graph: number[][]): number[] {
  const counts = new Array<number>(graph.length).fill(0)
  for (const followees of graph) for (const followee of followees) counts[followee]! += 1
  return counts
}
