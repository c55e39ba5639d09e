import { DEMO_HANDLES, DEMO_PASSWORD } from '../../shared/demo'
import type { ConversationStore } from './conversation-store'
import type { UserStore } from './user-store'

export { DEMO_HANDLES }

/**
 * The demo's cast, so a first visitor can sign in as alice in one tab and bob in another and
 * chat at once: four users who are all contacts, a direct chat between alice and bob, and a
 * group of all four. Idempotent: running it at every start changes nothing the second time.
 */
export async function seedDemoUsers(users: UserStore, conversations: ConversationStore): Promise<void> {
  const cast = []
  for (const handle of DEMO_HANDLES) {
    const user = await users.findOrCreate(handle, handle.charAt(0).toUpperCase() + handle.slice(1))
    await users.setPasswordIfNone(user.user_id, DEMO_PASSWORD)
    cast.push(user)
  }
  const [alice, bob] = cast
  const ids = cast.map((user) => user.user_id)
  for (const user of cast) await users.addMutualContacts(user.user_id, ids)
  const pair = [alice!.user_id, bob!.user_id].sort() as [string, string]
  await conversations.create(alice!.user_id, { kind: 'direct', memberIds: pair, directKey: pair.join(':') })
  const existing = await conversations.listFor(alice!.user_id)
  if (!existing.some((conversation) => conversation.title === 'Weekend plans'))
    await conversations.create(alice!.user_id, { kind: 'group', memberIds: ids, title: 'Weekend plans' })
}
