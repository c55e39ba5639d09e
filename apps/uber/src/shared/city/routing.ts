import type { City } from './city'
import type { LatLon, Point } from './geo'
import { type Anchor, locateOnStreet, type StreetLocation } from './street-locator'

/**
 * Driving times over the street graph (Dijkstra). The graph is small (hundreds of intersections),
 * so one run takes well under a millisecond: matching runs it once per ride request from the
 * pickup and reads every candidate driver's ETA off the same result.
 */
export interface ShortestTimes {
  seconds: Float64Array
  previous: Int32Array
}

export function shortestTimes(city: City, sources: Anchor[]): ShortestTimes {
  const seconds = new Float64Array(city.nodes.length).fill(Number.POSITIVE_INFINITY)
  const previous = new Int32Array(city.nodes.length).fill(-1)
  const queue = new MinQueue()
  for (const source of sources) {
    if (source.seconds < seconds[source.node]!) {
      seconds[source.node] = source.seconds
      queue.push(source.node, source.seconds)
    }
  }
  for (let next = queue.pop(); next; next = queue.pop()) {
    if (next.priority > seconds[next.node]!) continue
    for (const link of city.links[next.node]!) {
      const candidate = next.priority + link.seconds
      if (candidate < seconds[link.node]!) {
        seconds[link.node] = candidate
        previous[link.node] = next.node
        queue.push(link.node, candidate)
      }
    }
  }
  return { seconds, previous }
}

/** Seconds to drive from anywhere to one fixed target (a pickup or drop-off), computed once. */
export type EtaField = (from: LatLon) => number

export function createEtaField(city: City, target: LatLon): EtaField {
  const goal = locateOnStreet(city, target)
  // Streets are two-way with equal speeds, so times *from* the target equal times *to* it.
  const times = shortestTimes(city, goal.anchors)
  return (from) => {
    const start = locateOnStreet(city, from)
    const viaGraph = Math.min(...start.anchors.map((anchor) => anchor.seconds + times.seconds[anchor.node]!))
    return Math.min(viaGraph, sameStreetSeconds(start, goal))
  }
}

export interface Leg {
  from: Point
  to: Point
  speedMps: number
}

export interface Route {
  legs: Leg[]
  seconds: number
  metres: number
}

/** The fastest drive from one position to another, as straight legs a simulated car can follow. */
export function planRoute(city: City, from: LatLon, to: LatLon): Route {
  const start = locateOnStreet(city, from)
  const goal = locateOnStreet(city, to)
  if (Number.isFinite(sameStreetSeconds(start, goal))) return summarize([leg(start.point, goal.point, start)])
  const times = shortestTimes(city, start.anchors)
  const exit = goal.anchors.reduce((best, anchor) =>
    anchor.seconds + times.seconds[anchor.node]! < best.seconds + times.seconds[best.node]! ? anchor : best,
  )
  const path: number[] = []
  for (let node = exit.node; node !== -1; node = times.previous[node]!) path.unshift(node)
  const legs: Leg[] = [leg(start.point, city.nodes[path[0]!]!, start)]
  for (let i = 1; i < path.length; i++) {
    const link = city.links[path[i - 1]!]!.find((candidate) => candidate.node === path[i])!
    legs.push({ from: city.nodes[path[i - 1]!]!, to: city.nodes[path[i]!]!, speedMps: link.street.speedMps })
  }
  legs.push(leg(city.nodes[exit.node]!, goal.point, goal))
  return summarize(legs.filter((each) => each.from.x !== each.to.x || each.from.y !== each.to.y))
}

function sameStreetSeconds(a: StreetLocation, b: StreetLocation): number {
  if (a.street !== b.street) return Number.POSITIVE_INFINITY
  return (Math.abs(a.along - b.along) * a.street.metres) / a.street.speedMps
}

function leg(from: Point, to: Point, on: StreetLocation): Leg {
  return { from, to, speedMps: on.street.speedMps }
}

function summarize(legs: Leg[]): Route {
  let seconds = 0
  let metres = 0
  for (const each of legs) {
    const length = Math.hypot(each.to.x - each.from.x, each.to.y - each.from.y)
    metres += length
    seconds += length / each.speedMps
  }
  return { legs, seconds, metres }
}

/** A binary heap of (node, priority); stale entries are skipped by the caller (lazy deletion). */
class MinQueue {
  private readonly heap: { node: number; priority: number }[] = []

  push(node: number, priority: number): void {
    const heap = this.heap
    heap.push({ node, priority })
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1
      if (heap[parent]!.priority <= heap[i]!.priority) break
      ;[heap[parent], heap[i]] = [heap[i]!, heap[parent]!]
      i = parent
    }
  }

  pop(): { node: number; priority: number } | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last) {
      heap[0] = last
      for (let i = 0; ; ) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < heap.length && heap[left]!.priority < heap[smallest]!.priority) smallest = left
        if (right < heap.length && heap[right]!.priority < heap[smallest]!.priority) smallest = right
        if (smallest === i) break
        ;[heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!]
        i = smallest
      }
    }
    return top
  }
}
