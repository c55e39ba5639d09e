import { existsSync, statSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import hljs from 'highlight.js'
import MarkdownIt from 'markdown-it'
import { repoRoot } from './catalogue'

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

const LOOKS_LIKE_A_PATH = /^[\w@.-]+(\/[\w@.-]+)*\.(ts|proto|sql|json|ya?ml|md|sh|conf|cfg|properties|html|css)$/

/**
 * Where a link or a file name in a Markdown document points, as a hub URL: another scenario's
 * study page, or the source viewer for a file of this repository. Undefined when it names
 * nothing in the repository (a web address, a file that does not exist).
 */
export function hubLinkFor(target: string, documentPath: string): string | undefined {
  if (/^[a-z]+:/i.test(target) || target.startsWith('#') || target.startsWith('/')) return undefined
  const [path, anchor] = target.split('#') as [string, string | undefined]
  const candidates = [resolve(dirname(documentPath), path), resolve(repoRoot, path)]
  const found = candidates.find((file) => file.startsWith(`${repoRoot}/`) && existsSync(file))
  if (!found) return undefined
  const inRepo = relative(repoRoot, found)
  const scenario = /^apps\/([a-z-]+)\/README\.md$/.exec(inRepo)?.[1]
  if (scenario) return `/scenarios/${scenario}${anchor ? `#${anchor}` : ''}`
  return statSync(found).isFile() ? `/source/${inRepo}` : undefined
}

/**
 * Markdown → HTML for study pages: Mermaid blocks become diagrams (drawn in the browser by the
 * bundled mermaid.js), code is highlighted, and every link or `file name` that names a file of
 * the repository opens it in the hub's source viewer. Raw HTML in the Markdown is not passed
 * through.
 */
export function renderMarkdown(markdown: string, documentPath: string): string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false })
  md.options.highlight = (code, language) => {
    if (language === 'mermaid') return `<pre class="mermaid">${escapeHtml(code)}</pre>`
    const highlighted =
      language && hljs.getLanguage(language) ? hljs.highlight(code, { language }).value : escapeHtml(code)
    return `<pre class="code"><code class="hljs">${highlighted}</code></pre>`
  }
  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options))
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const href = tokens[i]!.attrGet('href')
    const hub = typeof href === 'string' ? hubLinkFor(href, documentPath) : undefined
    if (hub) tokens[i]!.attrSet('href', hub)
    return defaultLinkOpen(tokens, i, options, env, self)
  }
  md.renderer.rules.code_inline = (tokens, i) => {
    const content = tokens[i]!.content
    const code = `<code>${escapeHtml(content)}</code>`
    const hub = LOOKS_LIKE_A_PATH.test(content) ? hubLinkFor(content, documentPath) : undefined
    return hub ? `<a href="${escapeHtml(hub)}">${code}</a>` : code
  }
  return md.render(markdown)
}
