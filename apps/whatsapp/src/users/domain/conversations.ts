import { AppError } from '@wired/runtime'

export const MAX_GROUP_MEMBERS = 256

export type ConversationPlan =
  | { kind: 'direct'; memberIds: [string, string]; directKey: string }
  | { kind: 'group'; memberIds: string[]; title: string }

/**
 * What CreateConversation should create. One peer and no title is the pair's direct chat: its
 * `directKey` (the two ids, sorted) is unique in the table, so asking twice returns the same
 * conversation instead of splitting one chat in two. Anything else is a group.
 */
export function planConversation(creatorId: string, memberIds: string[], title: string): ConversationPlan {
  const others = [...new Set(memberIds)].filter((id) => id !== creatorId)
  if (others.length === 0)
    throw new AppError('INVALID_ARGUMENT', 'a conversation needs at least one member besides its creator', {
      field: 'memberIds',
    })
  const trimmedTitle = title.trim()
  if (others.length === 1 && trimmedTitle === '') {
    const pair = [creatorId, others[0]!].sort() as [string, string]
    return { kind: 'direct', memberIds: pair, directKey: pair.join(':') }
  }
  if (trimmedTitle.length < 1 || trimmedTitle.length > 64)
    throw new AppError('INVALID_ARGUMENT', 'a group needs a title of 1 to 64 characters', { field: 'title' })
  if (others.length + 1 > MAX_GROUP_MEMBERS)
    throw new AppError('INVALID_ARGUMENT', `a group has at most ${MAX_GROUP_MEMBERS} members`, { field: 'memberIds' })
  return { kind: 'group', memberIds: [creatorId, ...others], title: trimmedTitle }
}
