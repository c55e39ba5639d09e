import { AppError } from '@wired/runtime'

/**
 * The ingest's internal control API (HTTP). `POST /streams/:channel/stop` ends the live stream;
 * the ingest then publishes StreamEnded, which is how the api learns it ended (not from this answer).
 * The ingest answers once ffmpeg has closed the VOD's playlists, which takes a few seconds: hence 20 s.
 */
export function ingestClient(baseUrl: string, timeoutMs = 20_000) {
  return {
    async stop(channel: string): Promise<void> {
      let response: Response
      try {
        response = await fetch(`${baseUrl}/streams/${encodeURIComponent(channel)}/stop`, {
          method: 'POST',
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch {
        throw new AppError('UNAVAILABLE', 'the ingest service did not answer')
      }
      await response.body?.cancel()
      if (response.status === 404) throw new AppError('CONFLICT', `#${channel} is not live`)
      if (!response.ok) throw new AppError('UNAVAILABLE', `the ingest service answered ${response.status}`)
    },
  }
}

export type IngestClient = ReturnType<typeof ingestClient>
