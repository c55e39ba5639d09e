import { describe, expect, it } from 'vitest'
import { fillTopicTemplate, filterCovers, ownTopicOnly, topicAcl, topicMatches } from '../src'

describe('topicMatches', () => {
  it.each([
    ['home/+/temperature', 'home/kitchen/temperature', true],
    ['home/+/temperature', 'home/garage/door/temperature', false],
    ['home/+/temperature', 'home/temperature', false],
    ['home/#', 'home', true],
    ['home/#', 'home/a/b/c', true],
    ['#', 'anything/at/all', true],
    ['#', '$SYS/broker/heartbeat', false],
    ['+/broker/heartbeat', '$SYS/broker/heartbeat', false],
    ['$SYS/#', '$SYS/broker/heartbeat', true],
    ['drivers/d1/location', 'drivers/d1/location', true],
    ['drivers/d1/location', 'drivers/d1/locations', false],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected)
  })
})

describe('filterCovers (subscribe authorization)', () => {
  it.each([
    ['drivers/#', 'drivers/+/location', true],
    ['drivers/#', 'drivers/#', true],
    ['drivers/+/location', 'drivers/d1/location', true],
    ['drivers/+/location', 'drivers/#', false],
    ['drivers/+/location', 'drivers/+/+', false],
    ['drivers/d1/#', 'drivers/+/location', false],
  ])('%s covers %s: %s', (allowed, requested, expected) => {
    expect(filterCovers(allowed, requested)).toBe(expected)
  })
})

describe('topic ACL', () => {
  const ownOnly = ownTopicOnly('drivers/{clientId}/#')

  it('lets a device publish only under its own topic', () => {
    expect(ownOnly({ clientId: 'd1' }, 'drivers/d1/location')).toBe(true)
    expect(ownOnly({ clientId: 'd1' }, 'drivers/d2/location')).toBe(false)
    expect(ownOnly({ clientId: 'd1' }, 'riders/d1/location')).toBe(false)
  })

  it('refuses client ids that would smuggle wildcards or levels into the rule', () => {
    expect(fillTopicTemplate('drivers/{clientId}/#', { clientId: '#' })).toBeNull()
    expect(ownOnly({ clientId: '#' }, 'drivers/d2/location')).toBe(false)
    expect(ownOnly({ clientId: '+' }, 'drivers/d2/location')).toBe(false)
    expect(ownOnly({ clientId: 'd2/location' }, 'drivers/d2/location/x')).toBe(false)
    expect(ownOnly({ clientId: '' }, 'drivers//x')).toBe(false)
  })

  it('combines publish and subscribe rules, denying anything not allowed', () => {
    const acl = topicAcl([
      { allow: 'publish', topic: 'drivers/{username}/location' },
      { allow: 'subscribe', topic: 'rides/{username}/#' },
      { allow: 'both', topic: 'chat/lobby' },
    ])
    const rider = { clientId: 'phone-7', username: 'r1' }
    expect(acl.authorizePublish(rider, 'drivers/r1/location')).toBe(true)
    expect(acl.authorizePublish(rider, 'rides/r1/offer')).toBe(false)
    expect(acl.authorizeSubscribe(rider, 'rides/r1/+')).toBe(true)
    expect(acl.authorizeSubscribe(rider, 'rides/#')).toBe(false)
    expect(acl.authorizeSubscribe(rider, 'chat/lobby')).toBe(true)
    expect(acl.authorizePublish(rider, 'chat/lobby')).toBe(true)
    expect(acl.authorizePublish({ clientId: 'x' }, 'drivers/x/location')).toBe(false) // no username
  })
})
