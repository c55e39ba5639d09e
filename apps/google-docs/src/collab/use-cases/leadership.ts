import type { Logger } from '@wired/runtime'
import type { DocumentLease } from '../adapters/document-lease'
import { type LeadDeps, LedDocument } from './led-document'

export type Authority = { led: LedDocument } | { holder: string | undefined }

/**
 * The documents this replica leads, and the lease renewals that keep them. A document is led by
 * whichever replica first receives an op for it while nobody holds its lease.
 */
export class Leadership {
  private readonly led = new Map<string, LedDocument>()
  private readonly taking = new Map<string, Promise<Authority>>()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly lease: DocumentLease,
    private readonly deps: LeadDeps,
    leaseMs: number,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.renewAll(), Math.max(100, Math.floor(leaseMs / 3)))
    this.timer.unref()
  }

  documents(): string[] {
    return [...this.led.keys()]
  }

  local(docId: string): LedDocument | undefined {
    return this.led.get(docId)
  }

  /** This replica's LedDocument, or who else holds the lease. One attempt at a time per document. */
  find(docId: string): Promise<Authority> {
    const led = this.led.get(docId)
    if (led) return Promise.resolve({ led })
    let attempt = this.taking.get(docId)
    if (!attempt) {
      attempt = this.take(docId).finally(() => this.taking.delete(docId))
      this.taking.set(docId, attempt)
    }
    return attempt
  }

  private async take(docId: string): Promise<Authority> {
    const result = await this.lease.acquire(docId)
    if (!result.won) return { holder: result.holder }
    const led = await LedDocument.take(docId, result.fence, this.deps, (gone) => {
      if (this.led.get(docId) === gone) this.led.delete(docId)
    })
    this.led.set(docId, led)
    this.logger.info({ docId, fence: result.fence }, 'leading document')
    return { led }
  }

  private async renewAll(): Promise<void> {
    for (const led of [...this.led.values()]) {
      try {
        if (!(await this.lease.renew(led.docId, led.fence))) led.resign()
      } catch (error) {
        this.logger.warn({ err: error, docId: led.docId }, 'lease renewal failed')
      }
    }
  }

  /** A clean stop hands every document over at once (the lease is deleted, not left to expire). */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    for (const led of [...this.led.values()]) {
      led.resign()
      await this.lease.release(led.docId, led.fence).catch(() => {})
    }
  }
}
