import { escapeHtml } from './markdown'

const STYLE = `
body{font:15px/1.55 system-ui,sans-serif;max-width:68rem;margin:1.5rem auto;padding:0 1rem;color:#1b1f24}
a{color:#0550ae}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px;font-size:.9em}
pre.code{background:#f6f8fa;padding:.8rem;overflow:auto;border-radius:6px}pre.code code{background:none;padding:0}
table{border-collapse:collapse}td,th{padding:.35rem .6rem;border:1px solid #ddd;text-align:left;vertical-align:top}
pre.mermaid{background:none;text-align:center}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr));gap:1rem;padding:0;list-style:none}
.card{border:1px solid #d0d7de;border-radius:8px;padding:.8rem 1rem}.card h3{margin:.2rem 0}
.tag{display:inline-block;background:#ddf4ff;color:#0550ae;border-radius:1rem;padding:0 .55rem;margin:.1rem;font-size:.8rem}
.ready{color:#0a7d32;font-weight:600}.planned{color:#6e7781}
.holds{color:#0a7d32}.fails{color:#b35900}
.hljs-keyword,.hljs-built_in{color:#cf222e}.hljs-string{color:#0a3069}.hljs-comment{color:#6e7781}.hljs-title,.hljs-function{color:#8250df}.hljs-number,.hljs-literal{color:#0550ae}
`

/** The one page frame of the hub. `mermaid` loads the bundled mermaid.js (served by the hub: no network). */
export function page(title: string, body: string, options: { mermaid?: boolean } = {}): string {
  const mermaid = options.mermaid
    ? `<script src="/assets/mermaid.min.js"></script>
<script>mermaid.initialize({ startOnLoad: true, securityLevel: 'strict' })</script>`
    : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,"><style>${STYLE}</style></head><body>
<nav><a href="/">Wired</a> · <a href="/decide">decide</a> · <a href="/lab">protocol lab</a></nav>
${body}
${mermaid}
</body></html>`
}
