/**
 * Object storage on disk: one folder (NETFLIX_DATA_DIR) that the api, the transcoder, the
 * thumbnailer and the origin share (a volume in compose). Keys are relative paths; every key
 * that comes from a request goes through `resolveKey`, which refuses anything that could leave
 * the store (`..`, absolute paths, backslashes, NUL, odd characters).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { AppError } from '@wired/runtime'

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/

export const videoKeys = (videoId: string) => ({
  source: `uploads/${videoId}.bin`,
  dir: `videos/${videoId}`,
  master: `videos/${videoId}/master.m3u8`,
  thumbnail: `videos/${videoId}/thumb.jpg`,
})

/** The absolute path of a key inside `root`; INVALID_ARGUMENT for a key that is not one. */
export function resolveKey(root: string, key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..' || part.startsWith('.'))) {
    throw new AppError('INVALID_ARGUMENT', 'invalid object name')
  }
  const base = resolve(root)
  const path = resolve(base, key)
  if (!path.startsWith(base + sep)) throw new AppError('INVALID_ARGUMENT', 'invalid object name')
  return path
}

/** Writes through a temporary name and renames: a reader never sees half an object. */
export async function putObject(root: string, key: string, bytes: Buffer | string): Promise<void> {
  const path = resolveKey(root, key)
  await mkdir(dirname(path), { recursive: true })
  const temporary = join(dirname(path), `.${process.pid}-${Date.now()}.tmp`)
  await writeFile(temporary, bytes)
  await rename(temporary, path)
}
