import { randomBytes } from 'node:crypto'
import { type Logger, seededRandom } from '@wired/runtime'
import { connectLikes, connectPosts } from '../shared/clients'
import { seededHandle, seedReaders } from './seeder'

export interface SimulatorOptions {
  databaseUrl: string
  usersAddress: string
  postsAddress: string
  likesAddress: string
  grpcSecret: string
  users: number
  followsPerUser: number
  /** One post or like every this many ms, by a random seeded reader (0: seed only). */
  activityEveryMs: number
  /** The seeded readers' password; made up per run when unset. */
  password?: string
  logger: Logger
}

const TOPICS = ['kafka', 'redis', 'grpc', 'websocket', 'systemdesign', 'fanout', 'caching', 'postgres']
const LINES = ['Reading about', 'Just shipped a change to', 'Hot take on', 'Whiteboarding', 'Benchmarking', 'Debugging']

/**
 * The machine traffic: seed readers and the follow graph, give every reader a first post (each
 * goes post service → outbox → Kafka → fan-out, which builds the timelines), then keep posting
 * and liking as random readers, with a progress line every 10 s. Resolves at once; the seeding
 * goes on in the background.
 */
export async function startSimulator(options: SimulatorOptions) {
  const { logger } = options
  const password = options.password ?? randomBytes(6).toString('base64url')
  const caller = { name: 'seed', secret: options.grpcSecret }
  const posts = connectPosts(options.postsAddress, caller)
  const likes = connectLikes(options.likesAddress, caller)
  const random = seededRandom(Date.now() % 2 ** 31)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const text = () => `${pick(LINES)} #${pick(TOPICS)} ${random() < 0.3 ? `and #${pick(TOPICS)}` : ''}`.trim()
  const recentPosts: string[] = []
  const counters = { posts: 0, likes: 0, failed: 0 }
  let stopped = false
  let activity: NodeJS.Timeout | undefined

  async function post(authorId: string) {
    const { post: created } = await posts.createPost({ authorId, text: text() })
    counters.posts += 1
    recentPosts.push(created!.postId)
    if (recentPosts.length > 200) recentPosts.shift()
  }

  // Seeding runs in the background: the page is usable at once and the feeds fill as it goes.
  const seeding = (async () => {
    const started = Date.now()
    const ids = await seedReaders({ ...options, password })
    for (let i = 0; i < ids.length && !stopped; i += 50) {
      await Promise.all(ids.slice(i, i + 50).map(post))
      if (i % 500 === 0) logger.info({ posts: counters.posts, of: ids.length }, 'seeding first posts')
    }
    logger.info(
      { readers: ids.length, posts: counters.posts, seconds: Math.round((Date.now() - started) / 1000) },
      'seed loaded',
    )
    if (options.activityEveryMs > 0 && !stopped)
      activity = setInterval(() => {
        const act =
          random() < 0.4 || recentPosts.length === 0
            ? post(pick(ids))
            : likes.like({ userId: pick(ids), postId: pick(recentPosts) }).then(() => {
                counters.likes += 1
              })
        act.catch(() => {
          counters.failed += 1
        })
      }, options.activityEveryMs)
  })().catch((error: unknown) => logger.error({ err: error }, 'seeding failed'))

  const progress = setInterval(() => {
    if (!stopped) logger.info({ ...counters }, 'simulator: posts and likes so far')
  }, 10_000)
  return {
    password,
    sampleHandles: [0, 1, 5, 6].map(seededHandle),
    async stop() {
      stopped = true
      await seeding
      clearInterval(activity)
      clearInterval(progress)
      posts.close()
      likes.close()
    },
  }
}
