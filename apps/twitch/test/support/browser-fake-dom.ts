/**
 * Just enough of a Document for the pages' DOM-building modules in Node (no jsdom here): elements
 * with textContent, children, attributes and dataset, and text nodes. `html()` serializes what
 * was built, escaping text as a browser does, so a test can see that typed markup stayed text.
 */
export class FakeNode {
  children: FakeNode[] = []
  dataset: Record<string, string> = {}
  attributes: Record<string, string> = {}
  className = ''
  listeners: Record<string, Array<() => void>> = {}
  private text = ''
  constructor(
    readonly tagName: string,
    text = '',
  ) {
    this.text = text
  }
  get textContent(): string {
    return this.tagName === '#text' ? this.text : this.children.map((child) => child.textContent).join('') || this.text
  }
  set textContent(value: string) {
    this.children = []
    this.text = String(value)
  }
  append(...nodes: FakeNode[]) {
    this.children.push(...nodes)
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners[type] = [...(this.listeners[type] ?? []), listener]
  }
  click() {
    for (const listener of this.listeners.click ?? []) listener()
  }
  set src(value: string) {
    this.attributes.src = value
  }
  set alt(value: string) {
    this.attributes.alt = value
  }
  set title(value: string) {
    this.attributes.title = value
  }
  set type(value: string) {
    this.attributes.type = value
  }
  /** Every element below this one (depth first), itself excluded. */
  all(): FakeNode[] {
    return this.children.flatMap((child) => [child, ...child.all()])
  }
  html(): string {
    const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    if (this.tagName === '#text') return escapeText(this.text)
    const inner = this.children.length ? this.children.map((child) => child.html()).join('') : escapeText(this.text)
    return `<${this.tagName}>${inner}</${this.tagName}>`
  }
}

export const fakeDocument = {
  createElement: (tag: string) => new FakeNode(tag),
  createTextNode: (text: string) => new FakeNode('#text', text),
}

/** The fake, typed as the real thing for the modules under test. */
export const asDocument = () => fakeDocument as unknown as Document
