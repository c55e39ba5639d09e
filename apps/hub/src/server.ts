import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { readLabFigures, renderDecisionPage } from '@wired/decide'
import { repoRoot } from './catalogue'
import { page } from './layout'
import { hubPage, studyPage } from './pages'
import { sourcePage } from './source-viewer'

const labReports = resolve(repoRoot, 'apps/protocol-lab/reports')
const mermaidBundle = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js')

function send(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(html)
}

function notFound(res: ServerResponse, what: string) {
  send(res, 404, page('Not found', `<h1>Not found</h1><p>${what}</p><p><a href="/">Back to the hub</a></p>`))
}

/** The newest lab report's HTML (self-contained, charts inlined), or a page saying how to make one. */
function labPage(res: ServerResponse) {
  const report = ['protocol-lab-full.html', 'protocol-lab-quick.html']
    .map((name) => resolve(labReports, name))
    .filter((path) => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  if (!report)
    return send(
      res,
      200,
      page(
        'Protocol lab',
        '<h1>Protocol lab</h1><p>No report on this machine yet. Run <code>./wired lab</code> (about ten minutes; <code>./wired lab --quick</code> about two) and reload.</p>',
      ),
    )
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
  createReadStream(report).pipe(res)
}

export function handleHubRequest(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://hub')
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  const lab = readLabFigures(labReports)
  const path = decodeURIComponent(url.pathname)
  if (path === '/') return send(res, 200, hubPage(lab))
  if (path === '/decide') {
    const { status, html } = renderDecisionPage(Object.fromEntries(url.searchParams), lab)
    return send(res, status, html)
  }
  if (path === '/lab') return labPage(res)
  if (path === '/assets/mermaid.min.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=3600' })
    createReadStream(mermaidBundle).pipe(res)
    return
  }
  const scenario = /^\/scenarios\/([a-z-]+)$/.exec(path)?.[1]
  if (scenario) {
    const html = studyPage(scenario, lab)
    return html
      ? send(res, 200, html)
      : notFound(res, `No study page for '${scenario}' (planned scenarios have none yet).`)
  }
  if (path.startsWith('/source/')) {
    const html = sourcePage(path.slice('/source/'.length))
    return html ? send(res, 200, html) : notFound(res, 'No such file of the project to show.')
  }
  notFound(res, `Nothing at ${path}.`)
}

export interface RunningHub {
  url: string
  close(): Promise<void>
}

/** Starts the hub; `port` 0 takes any free port. A taken port rejects with Node's EADDRINUSE error. */
export async function startHub(options: { host?: string; port: number }): Promise<RunningHub> {
  const host = options.host ?? '127.0.0.1'
  const server = createServer(handleHubRequest)
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(options.port, host, ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}
