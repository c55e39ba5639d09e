import { unary } from '@wired/grpc'
import type { TimelineAdminServiceServer } from '@wired/proto/twitter/v1/timelines'
import type { TimelineStore } from '../adapters/timeline-store'
import { timelinesChecksum } from '../domain/timeline'
import type { FanOutConsumer } from '../use-cases/rebuild'

/** The operator's view of the cache: a checksum of every timeline, and the rebuild from Kafka. */
export function timelineAdminHandlers(timelines: TimelineStore, consumer: FanOutConsumer): TimelineAdminServiceServer {
  return {
    checksum: unary(async () => timelinesChecksum(await timelines.readAll())),
    rebuild: unary(() => consumer.rebuild()),
  }
}
