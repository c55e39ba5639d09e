/**
 * The suite's sample uploads, from the scenario's own clip maker (ffmpeg's test sources, never
 * downloaded): a good clip, the same cut short (its index is at the end, so ffprobe refuses it),
 * and a text file named .mp4.
 */
import { makeSampleClip } from '../../src/shared/sample-clip'

export async function makeClips(seconds = 4) {
  const good = await makeSampleClip(seconds)
  return {
    good,
    truncated: good.subarray(0, Math.floor(good.length / 2)),
    notVideo: Buffer.from('this is not a video, whatever its name says\n'.repeat(50)),
  }
}
