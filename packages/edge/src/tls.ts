/**
 * A self-signed certificate made at first start (openssl), kept in the data dir so a restart
 * keeps it and a browser that accepted it once keeps accepting it. HTTP/2 in browsers is TLS
 * only, so the origin and the edge need one; a deployment would mount a real one instead.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export async function loadOrCreateCertificate(dataDir: string, name: string) {
  const dir = join(dataDir, 'tls')
  const key = join(dir, `${name}.key.pem`)
  const cert = join(dir, `${name}.cert.pem`)
  if (!existsSync(key) || !existsSync(cert)) {
    await mkdir(dir, { recursive: true })
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '365',
      '-subj',
      `/CN=${name}`,
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ])
  }
  return { key: await readFile(key), cert: await readFile(cert) }
}
