import { silentLogger } from '@wired/runtime'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { OffsetCommits, type PartitionOffset } from './offset-commits'

// Pure scheduling, so a recording committer and fake timers are enough here; the contract suite
// runs the same class against a real broker (stops, rebalances, the next member's start).
function recordingCommitter(fail = false) {
  const calls: PartitionOffset[][] = []
  const commit = async (offsets: PartitionOffset[]) => {
    calls.push(offsets)
    if (fail) throw new Error('REBALANCE_IN_PROGRESS')
  }
  return { calls, commit }
}

const at = (partition: number, offset: number): PartitionOffset => ({ topic: 'chats', partition, offset: `${offset}` })

describe('OffsetCommits', () => {
  afterEach(() => vi.useRealTimers())

  it('commits every partition in one request, with only the latest offset of each', async () => {
    const commits = new OffsetCommits(100, silentLogger)
    const { calls, commit } = recordingCommitter()
    commits.handled(at(0, 5), commit)
    commits.handled(at(1, 3), commit)
    commits.handled(at(0, 9), commit)
    await commits.commitNow()
    expect(calls).toEqual([[at(0, 9), at(1, 3)]])
    await commits.commitNow() // nothing new: no request
    expect(calls).toHaveLength(1)
    commits.close()
  })

  it('commits after a batch at most once per interval, and the rest when the member goes quiet', async () => {
    vi.useFakeTimers()
    const commits = new OffsetCommits(100, silentLogger)
    const { calls, commit } = recordingCommitter()
    commits.handled(at(0, 1), commit)
    await commits.commitIfDue() // the first one is due at once
    for (let offset = 2; offset <= 5; offset++) {
      commits.handled(at(0, offset), commit)
      await commits.commitIfDue()
    }
    expect(calls).toEqual([[at(0, 1)]])
    await vi.advanceTimersByTimeAsync(100) // quiet: the timer commits what is left
    expect(calls).toEqual([[at(0, 1)], [at(0, 5)]])
    await vi.advanceTimersByTimeAsync(500) // nothing pending: no request
    expect(calls).toHaveLength(2)
    commits.close()
  })

  it('commits one request at a time, in order, so an older offset never lands last', async () => {
    const commits = new OffsetCommits(100, silentLogger)
    const landed: string[] = []
    let release: () => void = () => {}
    const slow = async (offsets: PartitionOffset[]) => {
      if (landed.length === 0) await new Promise<void>((resolve) => (release = resolve))
      landed.push(offsets.map((o) => o.offset).join(','))
    }
    commits.handled(at(0, 1), slow)
    const first = commits.commitNow()
    await Promise.resolve()
    commits.handled(at(0, 2), slow)
    const second = commits.commitNow()
    release()
    await Promise.all([first, second])
    expect(landed).toEqual(['1', '2'])
    commits.close()
  })

  it('drops offsets whose commit failed (they are read again) and forgets pending ones after a rejoin', async () => {
    const commits = new OffsetCommits(100, silentLogger)
    const failing = recordingCommitter(true)
    commits.handled(at(0, 7), failing.commit)
    await expect(commits.commitNow()).resolves.toBeUndefined()
    const { calls, commit } = recordingCommitter()
    commits.handled(at(1, 4), commit)
    commits.forget()
    await commits.commitNow()
    expect(failing.calls).toHaveLength(1)
    expect(calls).toEqual([])
    commits.close()
  })
})
