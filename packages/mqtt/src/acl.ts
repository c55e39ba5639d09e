import { fillTopicTemplate, filterCovers, type TopicOwner, topicMatches } from './topics'

export type TopicAction = 'publish' | 'subscribe'

export interface TopicRule {
  /** What the rule allows. Everything not allowed by some rule is denied. */
  allow: TopicAction | 'both'
  /** A topic filter; `{clientId}` and `{username}` are replaced per client. */
  topic: string
}

export interface MqttAuthorizer {
  authorizePublish(client: TopicOwner, topic: string): boolean
  authorizeSubscribe(client: TopicOwner, topicFilter: string): boolean
}

/**
 * An allow-list of topic rules, the same shape as a Mosquitto acl_file with `pattern` lines:
 * `{ allow: 'publish', topic: 'drivers/{clientId}/#' }` ≈ `pattern write drivers/%c/#`.
 */
export function topicAcl(rules: TopicRule[]): MqttAuthorizer {
  const allowed = (client: TopicOwner, action: TopicAction, check: (filter: string) => boolean) =>
    rules.some((rule) => {
      if (rule.allow !== action && rule.allow !== 'both') return false
      const filter = fillTopicTemplate(rule.topic, client)
      return filter !== null && check(filter)
    })
  return {
    authorizePublish: (client, topic) => allowed(client, 'publish', (filter) => topicMatches(filter, topic)),
    authorizeSubscribe: (client, requested) =>
      allowed(client, 'subscribe', (filter) => filterCovers(filter, requested)),
  }
}

/**
 * `ownTopicOnly('drivers/{clientId}/#')`: a device may publish only under its own topic, so a
 * stolen or buggy device cannot report another driver's location.
 */
export function ownTopicOnly(template: string): MqttAuthorizer['authorizePublish'] {
  return topicAcl([{ allow: 'publish', topic: template }]).authorizePublish
}
