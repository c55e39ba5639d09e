import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { fileURLToPath } from 'node:url'
import { serveWireRequest } from '@wired/wire'
import { build } from 'esbuild'

const webDir = fileURLToPath(new URL('../../../web', import.meta.url))

interface Asset {
  contentType: string
  body: string
}

/**
 * The browser client, served by the gateway from web/. Its TypeScript (the same ChatClient the
 * tests and the load generator use) is bundled once at start by esbuild, in memory: the page
 * loads nothing from anywhere but this origin and the API, so it works offline.
 */
export async function loadWebClient(config: { apiUrl: string; gatewayId: string }): Promise<Map<string, Asset>> {
  const bundle = await build({
    entryPoints: [`${webDir}/src/app.ts`],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    sourcemap: 'inline',
    logLevel: 'silent',
  })
  const [html, css, icon] = await Promise.all([
    readFile(`${webDir}/index.html`, 'utf8'),
    readFile(`${webDir}/styles.css`, 'utf8'),
    readFile(`${webDir}/favicon.svg`, 'utf8'),
  ])
  return new Map([
    ['/', { contentType: 'text/html; charset=utf-8', body: html }],
    ['/app.js', { contentType: 'text/javascript; charset=utf-8', body: bundle.outputFiles[0]!.text }],
    ['/styles.css', { contentType: 'text/css; charset=utf-8', body: css }],
    // Browsers ask for an icon on their own; without one every page load logs a 404.
    ['/favicon.svg', { contentType: 'image/svg+xml', body: icon }],
    ['/favicon.ico', { contentType: 'image/svg+xml', body: icon }],
    ['/config.json', { contentType: 'application/json', body: JSON.stringify(config) }],
  ])
}

/** A plain node:http handler; the same server carries the WebSocket upgrades on /ws. */
export function serveWebClient(assets: Map<string, Asset>, apiUrl: string, wireCollectorUrl: string | undefined) {
  // Nothing from a CDN, scripts only from this origin: the policy says so to the browser too.
  const policy = [
    "default-src 'self'",
    `connect-src 'self' ws: wss: ${apiUrl}`,
    `img-src 'self' blob: data: ${apiUrl}`,
    "style-src 'self'",
  ].join('; ')
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://gateway').pathname
    if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"status":"ok"},"errors":[]}')
      return
    }
    if (path.startsWith('/wire/')) {
      // The wire panel's files, and this page's traces by id, read from the collector.
      serveWireRequest(request, response, wireCollectorUrl).then(
        (answered) => answered || notFound(response, path),
        () => response.writeHead(500).end(),
      )
      return
    }
    const asset = request.method === 'GET' ? assets.get(path === '/index.html' ? '/' : path) : undefined
    if (!asset) {
      notFound(response, path)
      return
    }
    response
      .writeHead(200, {
        'content-type': asset.contentType,
        'content-security-policy': policy,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      })
      .end(asset.body)
  }
}

function notFound(response: ServerResponse, path: string): void {
  response
    .writeHead(404, { 'content-type': 'application/json' })
    .end(JSON.stringify({ data: null, errors: [{ code: 'NOT_FOUND', message: `no such page: ${path}` }] }))
}
