/**
 * A chat message on the page, built from the structured parts the chat server sends (text runs
 * and emotes), never from HTML: every text a chatter typed goes in through textContent, so
 * `<script>` shows as the characters `<script>`. An emote is a styled span (or an image when the
 * server names one on this page's origin); its name is the server's, from its fixed emote set.
 */

/** Emote images only from the page's own origin (the CSP allows no other): `/a/b.svg`, never `//host` or `..`. */
const SAME_ORIGIN_IMAGE = /^(?:\/[a-z0-9_-]+)+\.(?:svg|png|gif|webp)$/i

/**
 * @param {Document} doc
 * @param {Array<{ type: string, text?: string, name?: string, url?: string }>} parts
 * @returns {Node[]}
 */
export function renderParts(doc, parts) {
  const nodes = []
  for (const part of Array.isArray(parts) ? parts : []) {
    if (part?.type === 'emote' && typeof part.name === 'string') nodes.push(emote(doc, part))
    else if (typeof part?.text === 'string') nodes.push(doc.createTextNode(part.text))
  }
  return nodes
}

function emote(doc, part) {
  if (typeof part.url === 'string' && SAME_ORIGIN_IMAGE.test(part.url)) {
    const image = doc.createElement('img')
    image.className = 'emote'
    image.src = part.url
    image.alt = part.name
    image.title = part.name
    return image
  }
  const span = doc.createElement('span')
  span.className = 'emote'
  span.title = part.name
  span.textContent = part.name
  // A known emote gets its own look from style.css (by data attribute: no class built from input).
  span.dataset.emote = part.name.toLowerCase()
  return span
}

/**
 * One line of the log: the author, the parts, and (for the channel's owner) the moderation buttons.
 * @param {Document} doc
 * @param {{ id: string, user: string, parts: object[], at?: number }} message
 * @param {{ onDelete?(message: object): void, onBan?(message: object): void }} [moderation]
 */
export function messageItem(doc, message, moderation) {
  const item = doc.createElement('li')
  item.dataset.id = message.id
  item.dataset.user = message.user
  const author = doc.createElement('b')
  author.className = 'author'
  author.textContent = message.user
  const body = doc.createElement('span')
  body.className = 'text'
  body.append(...renderParts(doc, message.parts))
  item.append(author, doc.createTextNode(': '), body)
  if (moderation?.onDelete)
    item.append(button(doc, 'delete', 'Delete this message', () => moderation.onDelete(message)))
  if (moderation?.onBan) item.append(button(doc, 'ban', `Ban ${message.user}`, () => moderation.onBan(message)))
  return item
}

function button(doc, text, label, onClick) {
  const node = doc.createElement('button')
  node.type = 'button'
  node.className = `mod ${text}`
  node.textContent = text
  node.title = label
  node.addEventListener('click', onClick)
  return node
}
