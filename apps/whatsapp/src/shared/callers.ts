/**
 * Who may call whom, method by method: the allow-lists the gRPC servers enforce (see
 * @wired/grpc callers.ts for how a caller proves its name). The edges (gateway, api) are the only
 * services that act for a signed-in user, so only they may name one: nobody else can send a
 * message "from bob". `ops` is an operator's tool (and the tests that look at recorded pushes).
 */
import type { CallerPolicy } from '@wired/grpc'
import type { MessageServiceService } from '@wired/proto/whatsapp/v1/message'
import type { NotificationServiceService } from '@wired/proto/whatsapp/v1/notification'
import type { UserServiceService } from '@wired/proto/whatsapp/v1/users'

export const USER_SERVICE_CALLERS: CallerPolicy<typeof UserServiceService> = {
  signIn: ['api'],
  renewSession: ['api'],
  signOut: ['api'],
  authenticate: ['gateway', 'api'],
  getProfile: ['gateway', 'api'],
  updateProfile: ['api'],
  updateSettings: ['api'],
  listContacts: ['gateway', 'api'],
  addContact: ['api'],
  createConversation: ['api'],
  // Membership checks: the gateway (typing), the message service (may this sender post?).
  getConversation: ['gateway', 'message'],
  listConversations: ['gateway', 'message', 'api'],
}

export const MESSAGE_SERVICE_CALLERS: CallerPolicy<typeof MessageServiceService> = {
  sendMessages: ['gateway'],
  markReceipts: ['gateway'],
  history: ['api'],
  syncSince: ['api'],
}

export const NOTIFICATION_SERVICE_CALLERS: CallerPolicy<typeof NotificationServiceService> = {
  notify: ['delivery'],
  listNotifications: ['ops'],
}
