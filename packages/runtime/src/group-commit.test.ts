import { describe, expect, it } from 'vitest'
import { GroupCommit, type PendingItem } from './group-commit'

describe('GroupCommit', () => {
  it('commits items submitted in the same turn together, and items arriving mid-commit in the next batch', async () => {
    const batches: number[][] = []
    let release: () => void = () => {}
    const group = new GroupCommit<number, number>(
      async (batch) => {
        batches.push(batch.map(({ item }) => item))
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve))
        for (const { item, resolve } of batch) resolve(item * 10)
      },
      { maxBatch: 100 },
    )
    const first = [1, 2, 3].map((n) => group.submit(n))
    await new Promise((resolve) => setImmediate(resolve))
    const second = [4, 5].map((n) => group.submit(n))
    release()
    expect(await Promise.all([...first, ...second])).toEqual([10, 20, 30, 40, 50])
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ])
  })

  it('never puts more than maxBatch items in one batch, and keeps arrival order', async () => {
    const batches: number[][] = []
    const group = new GroupCommit<number, void>(
      async (batch) => {
        batches.push(batch.map(({ item }) => item))
        for (const { resolve } of batch) resolve()
      },
      { maxBatch: 2 },
    )
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)))
    expect(batches).toEqual([[1, 2], [3, 4], [5]])
  })

  it('rejects the whole batch when commit throws, and goes on serving the next one', async () => {
    let calls = 0
    const group = new GroupCommit<string, string>(
      async (batch) => {
        calls++
        if (calls === 1) throw new Error('database down')
        for (const { item, resolve } of batch) resolve(item)
      },
      { maxBatch: 10 },
    )
    const failed = await Promise.allSettled(['a', 'b'].map((s) => group.submit(s)))
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect((failed[0] as PromiseRejectedResult).reason).toEqual(new Error('database down'))
    expect(await group.submit('c')).toBe('c')
  })

  it('lets commit settle items one by one, and rejects any it forgot', async () => {
    const group = new GroupCommit<number, number>(
      async (batch: PendingItem<number, number>[]) => {
        for (const { item, resolve, reject } of batch) {
          if (item === 2) reject(new Error('two is refused'))
          else if (item !== 3) resolve(item)
        }
      },
      { maxBatch: 10 },
    )
    const results = await Promise.allSettled([1, 2, 3].map((n) => group.submit(n)))
    expect(results[0]).toEqual({ status: 'fulfilled', value: 1 })
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('two is refused')
    expect((results[2] as PromiseRejectedResult).reason.message).toMatch(/left 1 item\(s\) unsettled/)
  })

  it('drain() waits for every submitted item', async () => {
    const done: number[] = []
    const group = new GroupCommit<number, void>(
      async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        for (const { item, resolve } of batch) {
          done.push(item)
          resolve()
        }
      },
      { maxBatch: 1 },
    )
    void group.submit(1)
    void group.submit(2)
    await group.drain()
    expect(done).toEqual([1, 2])
  })

  it('commits up to `concurrency` batches at once, and no more', async () => {
    let running = 0
    let most = 0
    const group = new GroupCommit<number, number>(
      async (batch) => {
        running++
        most = Math.max(most, running)
        await new Promise((resolve) => setTimeout(resolve, 5))
        running--
        for (const { item, resolve } of batch) resolve(item)
      },
      { maxBatch: 1, concurrency: 3 },
    )
    expect(await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => group.submit(n)))).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(most).toBe(3)
  })

  it('keeps a batch within maxWeight, but always takes its first item however heavy', async () => {
    const batches: number[][] = []
    const group = new GroupCommit<number, void>(
      async (batch) => {
        batches.push(batch.map(({ item }) => item))
        for (const { resolve } of batch) resolve()
      },
      { maxBatch: 100, maxWeight: { limit: 10, weigh: (n) => n } },
    )
    await Promise.all([4, 5, 2, 30, 6, 3].map((n) => group.submit(n)))
    expect(batches).toEqual([[4, 5], [2], [30], [6, 3]])
  })

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => new GroupCommit(async () => {}, { maxBatch: 0 })).toThrow(RangeError)
  })
})
