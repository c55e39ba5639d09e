// Types of chat-view.js for the Node unit test; the page runs the .js.
export interface ChatPart {
  type: string
  text?: string
  name?: string
  url?: string
}
export function renderParts(doc: Document, parts: unknown): Node[]
export function messageItem(
  doc: Document,
  message: { id: string; user: string; parts: ChatPart[]; at?: number },
  moderation?: { onDelete?(message: object): void; onBan?(message: object): void },
): HTMLLIElement
