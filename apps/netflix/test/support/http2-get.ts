/** Walks a video as a player does; the HTTP/2 client itself is @wired/edge's (self-signed TLS accepted). */
import type { Http2Client } from '@wired/edge'

export { type H2Answer, Http2Client } from '@wired/edge'

/** Every media playlist of a master, and every segment of each: what a player fetches. */
export async function walkVideo(client: Http2Client, masterPath: string) {
  const base = masterPath.slice(0, masterPath.lastIndexOf('/') + 1)
  const master = await client.get(masterPath)
  const media = master.body
    .toString()
    .split('\n')
    .filter((line) => line.endsWith('.m3u8'))
  const paths: string[] = [masterPath]
  for (const name of media) {
    const playlistPath = base + name
    paths.push(playlistPath)
    const playlist = await client.get(playlistPath)
    const dir = playlistPath.slice(0, playlistPath.lastIndexOf('/') + 1)
    for (const line of playlist.body.toString().split('\n')) if (line.endsWith('.ts')) paths.push(dir + line)
  }
  return { media, paths }
}
