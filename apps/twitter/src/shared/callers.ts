/**
 * Who may call whom, method by method: the allow-lists the gRPC servers enforce (see
 * @wired/grpc callers.ts for how a caller proves its name). Only the edges (api, push) act for a
 * signed-in user; `seed` is the data generator, `ops` an operator's tool (and the tests).
 */
import type { CallerPolicy } from '@wired/grpc'
import type { LikeServiceService } from '@wired/proto/twitter/v1/likes'
import type { PostServiceService } from '@wired/proto/twitter/v1/posts'
import type { TimelineAdminServiceService } from '@wired/proto/twitter/v1/timelines'
import type { UserServiceService } from '@wired/proto/twitter/v1/users'

export const USER_SERVICE_CALLERS: CallerPolicy<typeof UserServiceService> = {
  signIn: ['api', 'seed'],
  authenticate: ['api', 'push'],
  getProfiles: ['api'],
  getByHandle: ['api'],
  follow: ['api', 'seed'],
  unfollow: ['api'],
  listFollowing: ['api', 'push'],
  listFollowers: ['fanout'],
}

export const POST_SERVICE_CALLERS: CallerPolicy<typeof PostServiceService> = {
  createPost: ['api', 'seed'],
  getPosts: ['api', 'likes'],
  recentByAuthors: ['api', 'fanout'],
}

export const LIKE_SERVICE_CALLERS: CallerPolicy<typeof LikeServiceService> = {
  like: ['api', 'seed'],
  unlike: ['api'],
  getCounts: ['api'],
}

export const TIMELINE_ADMIN_CALLERS: CallerPolicy<typeof TimelineAdminServiceService> = {
  checksum: ['ops'],
  rebuild: ['ops'],
}
