/**
 * Which users have sockets on this gateway. A user may have several (phone, laptop); the
 * gateway SUBSCRIBEs to the user's inbox channel when the first one arrives and UNSUBSCRIBEs
 * when the last one leaves, so Redis routes to exactly the gateways that can deliver.
 */
export class LocalSockets<Socket> {
  private readonly byUser = new Map<string, Set<Socket>>()

  /** True when this is the user's first socket here (time to SUBSCRIBE). */
  add(userId: string, socket: Socket): boolean {
    const sockets = this.byUser.get(userId)
    if (sockets) {
      sockets.add(socket)
      return false
    }
    this.byUser.set(userId, new Set([socket]))
    return true
  }

  /** True when that was the user's last socket here (time to UNSUBSCRIBE and record last seen). */
  remove(userId: string, socket: Socket): boolean {
    const sockets = this.byUser.get(userId)
    if (!sockets?.delete(socket)) return false
    if (sockets.size > 0) return false
    this.byUser.delete(userId)
    return true
  }

  socketsOf(userId: string): ReadonlySet<Socket> {
    return this.byUser.get(userId) ?? new Set()
  }

  users(): IterableIterator<string> {
    return this.byUser.keys()
  }

  get userCount(): number {
    return this.byUser.size
  }
}
