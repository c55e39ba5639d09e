import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { ChannelRouter } from './channel-router'

class FakeSubscriber extends EventEmitter {
  readonly calls: string[] = []
  subscribe = async (channel: string) => this.calls.push(`SUBSCRIBE ${channel}`)
  unsubscribe = async (channel: string) => this.calls.push(`UNSUBSCRIBE ${channel}`)
}

const socket = () => {
  const frames: string[] = []
  return { frames, sendEncoded: (frame: string) => frames.push(frame) > 0 }
}

describe('ChannelRouter', () => {
  it('subscribes on a key’s first socket, unsubscribes after its last, and routes only its channel', async () => {
    const subscriber = new FakeSubscriber()
    const router = new ChannelRouter(subscriber, (key) => `room:${key}`)
    const [phone, laptop, other] = [socket(), socket(), socket()]
    expect(await router.attach('alice', phone)).toBe(true)
    expect(await router.attach('alice', laptop)).toBe(false)
    await router.attach('bob', other)
    subscriber.emit('message', 'room:alice', 'hi')
    subscriber.emit('message', 'elsewhere:alice', 'not for us')
    expect(phone.frames).toEqual(['hi'])
    expect(laptop.frames).toEqual(['hi'])
    expect(other.frames).toEqual([])
    expect(await router.detach('alice', phone)).toBe(false)
    expect(await router.detach('alice', laptop)).toBe(true)
    expect(subscriber.calls).toEqual(['SUBSCRIBE room:alice', 'SUBSCRIBE room:bob', 'UNSUBSCRIBE room:alice'])
    expect(router.keys()).toEqual(['bob'])
  })
})
