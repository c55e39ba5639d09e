import { randomUUID } from 'node:crypto'
import type { RedisClient } from '@wired/redis'
import { AppError, type ErrorCode, type Logger, toAppError } from '@wired/runtime'
import type { ChannelSubscriber } from '@wired/ws'
import type { Submission } from '../../shared/editor-state'
import type { RedisKeys } from '../../shared/redis-keys'
import type { Outcome } from '../domain/document-authority'

type Letter =
  | { type: 'submit'; requestId: string; replyTo: string; docId: string; authorId: string; submission: Submission }
  | { type: 'reply'; requestId: string; outcome?: Outcome; error?: { code: ErrorCode; message: string } }

/**
 * Submissions forwarded to the replica that leads a document, over Redis pub/sub: PUBLISH to
 * `replica:<leader>`, the answer comes back on `replica:<us>`. Pub/sub is at-most-once, so a
 * forward that gets no answer within the timeout fails UNAVAILABLE and is sent again with the
 * same op id (the authority answers a repeat as a duplicate, never applying it twice).
 */
export class ReplicaMailbox {
  private readonly waiting = new Map<string, { resolve(o: Outcome): void; reject(e: unknown): void }>()
  private readonly channel: string

  constructor(
    private readonly redis: RedisClient,
    private readonly subscriber: ChannelSubscriber,
    private readonly keys: RedisKeys,
    private readonly replicaId: string,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {
    this.channel = keys.replicaChannel(replicaId)
  }

  /** Starts taking letters; `lead` answers the submissions forwarded to this replica. */
  async open(lead: (docId: string, authorId: string, submission: Submission) => Promise<Outcome>): Promise<void> {
    this.subscriber.on('message', (channel, raw) => {
      if (channel !== this.channel) return
      const letter = JSON.parse(raw) as Letter
      if (letter.type === 'reply') return this.settle(letter)
      lead(letter.docId, letter.authorId, letter.submission).then(
        (outcome) => this.post(letter.replyTo, { type: 'reply', requestId: letter.requestId, outcome }),
        (error: unknown) => {
          const { code, message } = toAppError(error)
          return this.post(letter.replyTo, { type: 'reply', requestId: letter.requestId, error: { code, message } })
        },
      )
    })
    await this.subscriber.subscribe(this.channel)
  }

  forward(leader: string, docId: string, authorId: string, submission: Submission): Promise<Outcome> {
    const requestId = randomUUID()
    return new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId)
        reject(new AppError('UNAVAILABLE', `no answer from ${leader}`))
      }, this.timeoutMs)
      this.waiting.set(requestId, {
        resolve: (o) => {
          clearTimeout(timer)
          resolve(o)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      })
      this.post(leader, { type: 'submit', requestId, replyTo: this.replicaId, docId, authorId, submission }).catch(
        (error: unknown) => this.waiting.get(requestId)?.reject(error),
      )
    })
  }

  private settle(letter: Extract<Letter, { type: 'reply' }>): void {
    const waiter = this.waiting.get(letter.requestId)
    if (!waiter) return // answered after our timeout: the editor has resent already
    this.waiting.delete(letter.requestId)
    if (letter.outcome) waiter.resolve(letter.outcome)
    else waiter.reject(new AppError(letter.error?.code ?? 'INTERNAL', letter.error?.message ?? 'forward failed'))
  }

  private async post(replica: string, letter: Letter): Promise<void> {
    const receivers = await this.redis.publish(this.keys.replicaChannel(replica), JSON.stringify(letter))
    if (receivers === 0 && letter.type === 'submit') this.logger.debug({ replica }, 'forward reached nobody')
  }
}
