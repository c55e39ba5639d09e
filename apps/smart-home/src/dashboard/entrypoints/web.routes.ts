import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import { serveWirePanel } from '@wired/http'
import type { FastifyInstance } from 'fastify'

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web')

/** The dashboard page (/) and the wire panel it embeds (/wire/*, traces read from the collector). */
export async function serveWeb(app: FastifyInstance, collectorUrl: string | undefined): Promise<void> {
  await app.register(fastifyStatic, { root: WEB_DIR, index: ['index.html'] })
  serveWirePanel(app, collectorUrl)
}
