/**
 * The one way the panel makes elements. Span data is untrusted (a chat message is span data),
 * so text only ever goes in through textContent: never innerHTML, never an HTML string.
 *
 * @template {keyof HTMLElementTagNameMap} T
 * @param {T} tag
 * @param {string} [className]
 * @param {string | Array<Node | string | undefined | false>} [content] text, or children (falsy ones skipped)
 * @returns {HTMLElementTagNameMap[T]}
 */
export function el(tag, className, content) {
  const element = document.createElement(tag)
  if (className) element.className = className
  if (typeof content === 'string') element.textContent = content
  else if (content) for (const child of content) if (child) element.append(child)
  return element
}

/** Text for screen readers only (the arrow a sighted reader sees, said in words). @param {string} text */
export const srOnly = (text) => el('span', 'wire-sr', text)
