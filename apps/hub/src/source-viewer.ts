import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { extname, relative, resolve } from 'node:path'
import hljs from 'highlight.js'
import { repoRoot } from './catalogue'
import { page } from './layout'
import { escapeHtml, renderMarkdown } from './markdown'

const LANGUAGES: Record<string, string> = {
  '.ts': 'typescript',
  '.js': 'javascript',
  '.json': 'json',
  '.proto': 'protobuf',
  '.sql': 'sql',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.sh': 'bash',
  '.html': 'xml',
  '.css': 'css',
  '.conf': 'ini',
  '.cfg': 'ini',
  '.properties': 'properties',
}
const SHOWN_FOLDERS = ['apps/', 'packages/', 'infra/', 'scripts/', 'test/']
const HIDDEN = /(^|\/)(node_modules|\.git|\.wired|\.turbo|reports)(\/|$)/

/**
 * A file of the repository as a page, for the links of study pages. Only source and docs under
 * the project's own folders, never a path that climbs out (`..`, symlinks), dependencies,
 * state or anything with an extension it does not know.
 */
export function sourcePage(requested: string): string | undefined {
  const file = resolve(repoRoot, requested)
  const inRepo = relative(repoRoot, file)
  if (inRepo.startsWith('..') || HIDDEN.test(inRepo)) return undefined
  if (!SHOWN_FOLDERS.some((folder) => inRepo.startsWith(folder)) && inRepo !== 'README.md') return undefined
  if (!existsSync(file) || !statSync(file).isFile() || statSync(file).size > 512 * 1024) return undefined
  if (relative(realpathSync(repoRoot), realpathSync(file)) !== inRepo) return undefined
  const extension = extname(file)
  const text = readFileSync(file, 'utf8')
  if (extension === '.md') return page(inRepo, renderMarkdown(text, file), { mermaid: true })
  const language = LANGUAGES[extension]
  if (!language) return undefined
  const code = hljs.getLanguage(language) ? hljs.highlight(text, { language }).value : escapeHtml(text)
  return page(
    inRepo,
    `<h1><code>${escapeHtml(inRepo)}</code></h1><pre class="code"><code class="hljs">${code}</code></pre>`,
  )
}
