import type { GatewayConnection } from '@wired/ws'

export interface Reader {
  userId: string
}

/**
 * Who is connected to this gateway, indexed the two ways the Kafka consumers look them up:
 * by the author they follow (a new post → the sockets of that author's online followers) and by
 * the post they watch (a like → the sockets showing that post). Both indexes hold only this
 * gateway's sockets, so their size is bounded by its connections, not by the follow graph.
 */
export class OnlineReaders {
  private readonly byAuthor = new Map<string, Set<GatewayConnection<Reader>>>()
  private readonly byPost = new Map<string, Set<GatewayConnection<Reader>>>()
  private readonly following = new Map<GatewayConnection<Reader>, Set<string>>()
  private readonly watching = new Map<GatewayConnection<Reader>, string[]>()
  /** A reader's sockets here (several tabs): a follow event finds them without a scan. */
  private readonly byUser = new Map<string, Set<GatewayConnection<Reader>>>()

  add(connection: GatewayConnection<Reader>, followeeIds: readonly string[]): void {
    this.following.set(connection, new Set(followeeIds))
    addTo(this.byUser, connection.principal.userId, connection)
    for (const authorId of followeeIds) addTo(this.byAuthor, authorId, connection)
  }

  remove(connection: GatewayConnection<Reader>): void {
    for (const authorId of this.following.get(connection) ?? []) removeFrom(this.byAuthor, authorId, connection)
    for (const postId of this.watching.get(connection) ?? []) removeFrom(this.byPost, postId, connection)
    removeFrom(this.byUser, connection.principal.userId, connection)
    this.following.delete(connection)
    this.watching.delete(connection)
  }

  /** A follow or unfollow by a reader: every socket of theirs here starts or stops hearing the author. */
  follow(userId: string, authorId: string, following: boolean): void {
    for (const connection of this.byUser.get(userId) ?? []) {
      const authors = this.following.get(connection)
      if (!authors) continue
      if (following) {
        authors.add(authorId)
        addTo(this.byAuthor, authorId, connection)
      } else {
        authors.delete(authorId)
        removeFrom(this.byAuthor, authorId, connection)
      }
    }
  }

  watch(connection: GatewayConnection<Reader>, postIds: readonly string[]): void {
    for (const postId of this.watching.get(connection) ?? []) removeFrom(this.byPost, postId, connection)
    this.watching.set(connection, [...postIds])
    for (const postId of postIds) addTo(this.byPost, postId, connection)
  }

  followersOf(authorId: string): Iterable<GatewayConnection<Reader>> {
    return this.byAuthor.get(authorId) ?? []
  }

  watchersOf(postId: string): Iterable<GatewayConnection<Reader>> {
    return this.byPost.get(postId) ?? []
  }
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V) {
  const set = index.get(key) ?? new Set<V>()
  if (set.size === 0) index.set(key, set)
  set.add(value)
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V) {
  const set = index.get(key)
  set?.delete(value)
  if (set?.size === 0) index.delete(key)
}
