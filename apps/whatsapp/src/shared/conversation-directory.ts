import type { UsersClient } from './clients'

/**
 * Member lists from the users service (gRPC GetConversation / ListConversations), with the
 * lists reused for `cacheMs`. Every send needs the members (who may post, whom to deliver to),
 * and asking over the network each time would double the calls on the hottest path. The
 * trade-off is staleness: safe here because membership is fixed when a conversation is
 * created; with "leave group" the cache would need an invalidation event or a short TTL.
 */
export class ConversationDirectory {
  private readonly members = new Map<string, { memberIds: string[]; expiresAt: number }>()

  constructor(
    private readonly users: UsersClient,
    private readonly cacheMs: number,
  ) {}

  async memberIds(conversationId: string): Promise<string[]> {
    const now = Date.now()
    const cached = this.members.get(conversationId)
    if (cached && cached.expiresAt > now) return cached.memberIds
    const { conversation } = await this.users.getConversation({ conversationId })
    const memberIds = conversation?.memberIds ?? []
    if (this.members.size > 50_000) this.members.clear() // a crude bound on memory; a miss is cheap
    this.members.set(conversationId, { memberIds, expiresAt: now + this.cacheMs })
    return memberIds
  }

  async conversationIdsOf(userId: string): Promise<string[]> {
    const { conversations } = await this.users.listConversations({ userId })
    return conversations.map((conversation) => conversation.conversationId)
  }
}
