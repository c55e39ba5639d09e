import { describe, expect, it } from 'vitest'
import { mediaKeyOf } from './media-paths'

describe('mediaKeyOf', () => {
  it('admits the files of a stream and clips', () => {
    for (const path of [
      '/streams/s_AbCdEf012-_x/master.m3u8',
      '/streams/s_AbCdEf012-_x/360p/index.m3u8',
      '/streams/s_AbCdEf012-_x/180p/17.ts',
      '/clips/c_123.mp4',
    ]) {
      expect(mediaKeyOf(path), path).toBe(path.slice(1))
    }
  })
  it('refuses traversal, other folders and other files', () => {
    for (const path of [
      '/streams/../tls/origin.key.pem',
      '/streams/s_AbCdEf012-_x/../../tls/origin.key.pem',
      '/streams/s_AbCdEf012-_x/360p/../../../tls/origin.key.pem',
      '/streams/s_AbCdEf012-_x/360p/index.m3u8.tmp',
      '/streams/s_AbCdEf012-_x/720p/index.m3u8',
      '/clips/../tls/edge.key.pem',
      '/clips/a/b.mp4',
      '/tls/origin.key.pem',
      '/etc/passwd',
      '/',
    ]) {
      expect(mediaKeyOf(path), path).toBeUndefined()
    }
  })
})
