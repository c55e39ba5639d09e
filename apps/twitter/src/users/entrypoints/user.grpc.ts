import { unary } from '@wired/grpc'
import type { FollowChanged } from '@wired/proto/twitter/v1/events'
import type { UserServiceServer } from '@wired/proto/twitter/v1/users'
import { AppError } from '@wired/runtime'
import { requireId } from '../../shared/ids'
import { toProfile, type UserStore } from '../adapters/user-store'
import { checkPassword, displayNameFor, normalizeHandle } from '../domain/account'

const MAX_PROFILES = 200
const MAX_FOLLOWER_PAGE = 5_000

/** UserService over gRPC: validate → store → (for follows) Kafka. AppErrors become gRPC statuses. */
export function userGrpcHandlers(
  users: UserStore,
  sessionTtlSeconds: number,
  publishFollow: (change: FollowChanged) => Promise<void>,
): UserServiceServer {
  async function changeFollow(followerId: string, followeeHandle: string, following: boolean) {
    const follower = requireId(followerId, 'followerId')
    const target = await users.byHandle(normalizeHandle(followeeHandle))
    if (String(target.user_id) === follower) throw new AppError('INVALID_ARGUMENT', 'you cannot follow yourself')
    const { followee, changed } = await users.setFollow(follower, String(target.user_id), following)
    // Published even when nothing changed: if the first attempt stored the edge but failed to
    // publish, the client's retry is what gets the event out.
    await publishFollow({
      followerId: follower,
      followeeId: String(followee.user_id),
      following,
      followeeFollowers: Number(followee.followers),
    })
    return { followee: toProfile(followee), changed }
  }

  return {
    signIn: unary(async ({ handle, password, displayName }) => {
      const normalized = normalizeHandle(handle)
      const user = await users.signUpOrVerify(
        normalized,
        displayNameFor(normalized, displayName),
        checkPassword(password),
      )
      return { token: await users.createSession(String(user.user_id), sessionTtlSeconds), user: toProfile(user) }
    }),

    authenticate: unary(async ({ token }) => {
      if (token === '') throw new AppError('UNAUTHENTICATED', 'missing token')
      return { user: toProfile(await users.userForToken(token)) }
    }),

    getProfiles: unary(async ({ userIds }) => {
      if (userIds.length > MAX_PROFILES) throw new AppError('INVALID_ARGUMENT', `at most ${MAX_PROFILES} ids`)
      const ids = userIds.map((id) => requireId(id, 'userIds'))
      return { profiles: ids.length === 0 ? [] : (await users.profiles(ids)).map(toProfile) }
    }),

    getByHandle: unary(async ({ handle, viewerId }) => {
      const profile = await users.byHandle(normalizeHandle(handle))
      const viewer = viewerId === '' ? undefined : requireId(viewerId, 'viewerId')
      const followedByViewer = viewer ? await users.follows(viewer, String(profile.user_id)) : false
      return { profile: toProfile(profile), followedByViewer }
    }),

    follow: unary(({ followerId, followeeHandle }) => changeFollow(followerId, followeeHandle, true)),
    unfollow: unary(({ followerId, followeeHandle }) => changeFollow(followerId, followeeHandle, false)),

    listFollowing: unary(async ({ userId }) => ({
      following: (await users.following(requireId(userId, 'userId'))).map((row) => ({
        userId: String(row.user_id),
        followers: Number(row.followers),
      })),
    })),

    listFollowers: unary(async ({ userId, afterUserId, limit }) => {
      const after = afterUserId === '' ? '0' : requireId(afterUserId, 'afterUserId')
      if (limit < 1 || limit > MAX_FOLLOWER_PAGE)
        throw new AppError('INVALID_ARGUMENT', `limit is 1-${MAX_FOLLOWER_PAGE}`)
      const page = await users.followers(requireId(userId, 'userId'), after, limit)
      return { followerIds: page.ids, total: page.total }
    }),
  }
}
