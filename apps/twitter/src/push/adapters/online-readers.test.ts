import type { GatewayConnection } from '@wired/ws'
import { describe, expect, it } from 'vitest'
import { OnlineReaders, type Reader } from './online-readers'

const socket = (userId: string) => ({ principal: { userId } }) as GatewayConnection<Reader>

describe('OnlineReaders', () => {
  it("finds a reader's sockets by the authors they follow, and follows every tab of theirs", () => {
    const readers = new OnlineReaders()
    const [tab1, tab2, other] = [socket('1'), socket('1'), socket('2')]
    readers.add(tab1, ['10'])
    readers.add(tab2, ['10'])
    readers.add(other, ['10', '11'])
    expect([...readers.followersOf('10')]).toEqual([tab1, tab2, other])

    readers.follow('1', '11', true)
    expect([...readers.followersOf('11')]).toEqual([other, tab1, tab2])
    readers.follow('1', '10', false)
    expect([...readers.followersOf('10')]).toEqual([other])

    readers.remove(other)
    expect([...readers.followersOf('11')]).toEqual([tab1, tab2])
    readers.remove(tab1)
    readers.remove(tab2)
    expect([...readers.followersOf('11')]).toEqual([])
    // A follow event for someone with no socket here touches nothing.
    readers.follow('1', '12', true)
    expect([...readers.followersOf('12')]).toEqual([])
  })

  it('finds the sockets watching a post, and forgets a list the page replaced', () => {
    const readers = new OnlineReaders()
    const tab = socket('1')
    readers.add(tab, [])
    readers.watch(tab, ['5', '6'])
    expect([...readers.watchersOf('5')]).toEqual([tab])
    readers.watch(tab, ['6'])
    expect([...readers.watchersOf('5')]).toEqual([])
    expect([...readers.watchersOf('6')]).toEqual([tab])
  })
})
