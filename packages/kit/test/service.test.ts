import { describe, expect, it } from 'vitest'
import { defineService, Shutdown } from '../src/index'

describe('Shutdown', () => {
  it('undoes in reverse order, once, and keeps going past a failed step', async () => {
    const done: string[] = []
    const shutdown = new Shutdown()
    shutdown.defer(() => done.push('database'))
    shutdown.defer(() => {
      throw new Error('broker close failed')
    })
    shutdown.defer(() => done.push('listener'))
    await Promise.all([shutdown.run(), shutdown.run()])
    expect(done).toEqual(['listener', 'database'])
  })
})

describe('defineService', () => {
  it('resolves start() and ready with the endpoints, and stops what start opened', async () => {
    const closed: string[] = []
    const service = defineService(async (shutdown) => {
      shutdown.defer(() => closed.push('pool'))
      shutdown.defer(() => closed.push('server'))
      return { http: 'http://127.0.0.1:1' }
    })
    expect(await service.start()).toEqual({ http: 'http://127.0.0.1:1' })
    expect(await service.ready).toEqual({ http: 'http://127.0.0.1:1' })
    await service.stop()
    expect(closed).toEqual(['server', 'pool'])
  })

  it('closes what was already open when start fails halfway, and rejects start and ready', async () => {
    const closed: string[] = []
    const service = defineService(async (shutdown) => {
      shutdown.defer(() => closed.push('pool'))
      throw new Error('port taken')
    })
    await expect(service.start()).rejects.toThrow('port taken')
    await expect(service.ready).rejects.toThrow('port taken')
    expect(closed).toEqual(['pool'])
  })

  it('starts once however often start() is called', async () => {
    let starts = 0
    const service = defineService(async () => ({ n: String(++starts) }))
    await Promise.all([service.start(), service.start()])
    expect(starts).toBe(1)
  })
})
