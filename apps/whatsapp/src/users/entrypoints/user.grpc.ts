import { unary } from '@wired/grpc'
import type { UserServiceServer } from '@wired/proto/whatsapp/v1/users'
import { AppError } from '@wired/runtime'
import { requireUuid } from '../../shared/ids'
import type { ConversationStore } from '../adapters/conversation-store'
import { toContact, toSettings, toUser, type UserStore } from '../adapters/user-store'
import { planConversation } from '../domain/conversations'
import { checkPassword, sessionExpiry } from '../domain/credentials'
import { checkAbout, checkDisplayName, defaultDisplayName, normalizeHandle } from '../domain/profile'

/** UserService over gRPC: validate → domain rule → store. AppErrors become gRPC statuses in unary(). */
export function userGrpcHandlers(
  users: UserStore,
  conversations: ConversationStore,
  sessionTtlSeconds: number,
  /** Tells the gateways a session was signed out, so they close its open sockets. */
  announceSignOut: (token: string) => Promise<void>,
): UserServiceServer {
  /** A new session for the user: the token and the instant it stops working. */
  const startSession = async (user: Parameters<typeof toUser>[0]) => {
    const expiresAtMs = sessionExpiry(Date.now(), sessionTtlSeconds)
    return { token: await users.createSession(user.user_id, expiresAtMs), user: toUser(user), expiresAtMs }
  }
  return {
    signIn: unary(async ({ handle, displayName, password }) => {
      const normalized = normalizeHandle(handle)
      const name = displayName.trim() === '' ? defaultDisplayName(normalized) : checkDisplayName(displayName)
      return startSession(await users.signUpOrVerify(normalized, name, checkPassword(password)))
    }),

    authenticate: unary(async ({ token }) => {
      if (token === '') throw new AppError('UNAUTHENTICATED', 'missing token')
      const { user, expiresAtMs } = await users.userForToken(token)
      return { user: toUser(user), expiresAtMs }
    }),

    renewSession: unary(async ({ token }) => {
      const userId = token === '' ? undefined : await users.endSession(token)
      if (!userId) throw new AppError('UNAUTHENTICATED', 'unknown or expired token')
      return startSession(await users.get(userId))
    }),

    signOut: unary(async ({ token }) => {
      if (token !== '' && (await users.endSession(token))) await announceSignOut(token)
      return {}
    }),

    getProfile: unary(async ({ userId }) => {
      const user = await users.get(requireUuid(userId, 'userId'))
      return { user: toUser(user), settings: toSettings(user) }
    }),

    updateProfile: unary(async ({ userId, displayName, about }) => {
      const user = await users.updateProfile(
        requireUuid(userId, 'userId'),
        displayName === undefined ? undefined : checkDisplayName(displayName),
        about === undefined ? undefined : checkAbout(about),
      )
      return { user: toUser(user) }
    }),

    updateSettings: unary(async ({ userId, readReceipts, showLastSeen }) => {
      const user = await users.updateSettings(requireUuid(userId, 'userId'), readReceipts, showLastSeen)
      return { settings: toSettings(user) }
    }),

    listContacts: unary(async ({ userId }) => ({
      contacts: (await users.contacts(requireUuid(userId, 'userId'))).map(toContact),
    })),

    addContact: unary(async ({ userId, contactHandle }) => {
      const owner = requireUuid(userId, 'userId')
      const contact = await users.byHandle(normalizeHandle(contactHandle))
      if (contact.user_id === owner) throw new AppError('INVALID_ARGUMENT', 'you cannot add yourself as a contact')
      await users.addMutualContacts(owner, [contact.user_id])
      return { contact: toContact(contact) }
    }),

    createConversation: unary(async ({ creatorId, memberIds, title }) => {
      const creator = requireUuid(creatorId, 'creatorId')
      const plan = planConversation(
        creator,
        memberIds.map((id) => requireUuid(id, 'memberIds')),
        title,
      )
      const known = await users.existing(plan.memberIds)
      const unknown = plan.memberIds.filter((id) => !known.has(id))
      if (unknown.length > 0) throw new AppError('NOT_FOUND', 'some members do not exist', { unknown })
      const conversation = await conversations.create(creator, plan)
      // A direct chat makes the two contacts of each other, so each sees the other's presence.
      if (plan.kind === 'direct') await users.addMutualContacts(creator, plan.memberIds)
      return { conversation }
    }),

    getConversation: unary(async ({ conversationId }) => ({
      conversation: await conversations.get(requireUuid(conversationId, 'conversationId')),
    })),

    listConversations: unary(async ({ userId }) => ({
      conversations: await conversations.listFor(requireUuid(userId, 'userId')),
    })),
  }
}
