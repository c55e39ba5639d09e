import type { Notification } from '../payload'

/** An open subscription: notifications go to the handler given when it was opened. */
export interface PushClient {
  close(): Promise<void>
}

export type NotificationHandler = (notification: Notification) => void
