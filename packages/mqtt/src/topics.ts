/**
 * MQTT topic filters: `+` matches exactly one level, `#` (last level only) matches the rest,
 * including the parent itself (`home/#` matches `home`). Topics starting with `$` (broker
 * statistics like `$SYS/...`) are never matched by a filter that starts with a wildcard.
 */
export function topicMatches(filter: string, topic: string): boolean {
  const filterLevels = filter.split('/')
  const topicLevels = topic.split('/')
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i]
    if (level === '#') return i === filterLevels.length - 1
    if (i >= topicLevels.length) return false
    if (level !== '+' && level !== topicLevels[i]) return false
  }
  return filterLevels.length === topicLevels.length
}

/**
 * Whether every topic that `requested` can match is also matched by `allowed`: used to decide
 * a SUBSCRIBE, where the client sends a filter, not a topic. `drivers/#` covers
 * `drivers/+/location`; `drivers/+/location` does not cover `drivers/#`.
 */
export function filterCovers(allowed: string, requested: string): boolean {
  const allowedLevels = allowed.split('/')
  const requestedLevels = requested.split('/')
  for (let i = 0; i < allowedLevels.length; i++) {
    const level = allowedLevels[i]
    if (level === '#') return true
    const wanted = requestedLevels[i]
    if (wanted === undefined || wanted === '#') return false
    if (level !== '+' && level !== wanted) return false
  }
  return allowedLevels.length === requestedLevels.length
}

export interface TopicOwner {
  clientId: string
  username?: string | undefined
}

/**
 * Fills `{clientId}` / `{username}` in a topic template. A value containing `/`, `+` or `#` is
 * refused (null): a device named `#` must not turn `drivers/{clientId}/#` into `drivers/#/#`,
 * nor `a/b` reach into `drivers/a/b/...`. Mosquitto's `%c`/`%u` patterns refuse the same.
 */
export function fillTopicTemplate(template: string, owner: TopicOwner): string | null {
  let unsafe = false
  const filled = template.replace(/\{(clientId|username)\}/g, (_, key: 'clientId' | 'username') => {
    const value = owner[key]
    if (!value || /[/+#]/.test(value)) unsafe = true
    return value ?? ''
  })
  return unsafe ? null : filled
}
