import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { FastifyInstance } from 'fastify'

const WEB_DIR = fileURLToPath(new URL('../../../web', import.meta.url))

/** The gateway's own pages and their files; web/index.html and web/trading* belong to the api. */
const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'markets.html', type: 'text/html' },
  '/markets.js': { file: 'markets.js', type: 'text/javascript' },
  '/markets.css': { file: 'markets.css', type: 'text/css' },
  '/ticker.html': { file: 'ticker.html', type: 'text/html' },
  '/ticker.js': { file: 'ticker.js', type: 'text/javascript' },
  '/favicon.ico': { file: 'favicon.svg', type: 'image/svg+xml' },
}

/**
 * Scripts, styles and sockets only from this origin, no inline script: a price board shows
 * symbols and numbers from the network, and the policy makes sure nothing it shows can run.
 * `connect-src 'self'` covers the page's own ws:// origin (CSP level 3).
 */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Serves the markets page, the ticker widget and `/prices.js`, the browser client other pages
 * import (web/prices.ts with @bufbuild/protobuf, bundled once at start by esbuild, in memory).
 * `/prices.js` is CORS-readable by the allowed origins, so the trading page may import it.
 */
export async function webRoutes(app: FastifyInstance): Promise<void> {
  const bundle = await build({
    entryPoints: [`${WEB_DIR}/prices.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    logLevel: 'silent',
  })
  const assets = new Map<string, { body: string; type: string }>([
    ['/prices.js', { body: bundle.outputFiles[0]!.text, type: 'text/javascript' }],
  ])
  for (const [path, { file, type }] of Object.entries(FILES))
    assets.set(path, { body: await readFile(`${WEB_DIR}/${file}`, 'utf8'), type })

  for (const [path, asset] of assets)
    app.get(path, { config: { rateLimit: false } }, async (_request, reply) => {
      reply.type(`${asset.type}; charset=utf-8`).header('cache-control', 'no-cache')
      if (asset.type === 'text/html') reply.header('content-security-policy', POLICY)
      return asset.body
    })
}
