/** The status line, who is here (a coloured chip each) and a caret per other session in the text. */
const $ = (id) => document.getElementById(id)
const chars = (text) => Array.from(text)

export function renderDocument(doc) {
  if (!doc.state) return
  $('revision').textContent = String(doc.state.revision)
  $('pending').textContent = String(doc.state.unacknowledged)
  const people = [...doc.presence.values()]
  $('presence').replaceChildren(
    ...people.map((p) => {
      const li = document.createElement('li')
      li.style.background = p.colour
      li.dataset.transport = p.transport
      li.textContent = `${p.handle}${p.sessionId === doc.sessionId ? ' (you)' : ''} · ${p.transport} · at ${p.cursor}`
      return li
    }),
  )
  // The text again with a coloured caret per other session: where everyone is.
  const text = chars(doc.state.text)
  const marks = people.filter((p) => p.sessionId !== doc.sessionId).sort((a, b) => a.cursor - b.cursor)
  const parts = []
  let at = 0
  for (const p of marks) {
    const to = Math.min(p.cursor, text.length)
    parts.push(document.createTextNode(text.slice(at, to).join('')))
    const caret = document.createElement('span')
    caret.className = 'caret'
    caret.style.background = p.colour
    caret.title = p.handle
    parts.push(caret)
    at = to
  }
  parts.push(document.createTextNode(text.slice(at).join('')))
  $('cursors').replaceChildren(...parts)
}
