import type { ChatState } from './chat-state'
import { ticksFor } from './ticks'

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T

function h(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  element.append(...children)
  return element
}

const TICK_GLYPHS = { pending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓' } as const

function presenceText(state: ChatState, userId: string): string {
  const presence = state.presence.get(userId)
  if (presence?.online) return 'online'
  if (presence?.lastSeenAtMs) return `last seen ${new Date(presence.lastSeenAtMs).toLocaleTimeString()}`
  return ''
}

/** Redraws the sidebar and the open chat from the state (small enough to redraw wholesale). */
export function render(state: ChatState, actions: { open(conversationId: string): void }): void {
  $('#me').textContent = `${state.me.displayName} (@${state.me.handle})`

  $('#contacts').replaceChildren(
    ...[...state.contacts.values()].map((contact) =>
      h(
        'li',
        { 'data-testid': 'contact', 'data-handle': contact.handle },
        h('input', { type: 'checkbox', value: contact.userId, 'aria-label': `select ${contact.handle}` }),
        h('span', { class: `dot${state.presence.get(contact.userId)?.online ? ' online' : ''}` }),
        contact.displayName,
        h('span', { class: 'muted', 'data-testid': 'presence' }, presenceText(state, contact.userId)),
      ),
    ),
  )

  $('#conversations').replaceChildren(
    ...[...state.conversations.values()].map((conversation) => {
      const unread = state.unread.get(conversation.conversationId) ?? 0
      const item = h(
        'li',
        {
          class: conversation.conversationId === state.openConversationId ? 'active' : '',
          'data-testid': 'conversation',
          'data-title': state.titleOf(conversation),
        },
        conversation.kind === 'group' ? '👥' : '💬',
        state.titleOf(conversation),
        ...(unread > 0 ? [h('span', { class: 'unread' }, String(unread))] : []),
      )
      item.onclick = () => actions.open(conversation.conversationId)
      return item
    }),
  )

  const conversationId = state.openConversationId
  const conversation = conversationId ? state.conversations.get(conversationId) : undefined
  $('#composer').hidden = !conversation
  if (!conversation || !conversationId) return
  $('#chat-title').textContent = state.titleOf(conversation)
  const typing = state.typing.get(conversationId)
  const peer = conversation.kind === 'direct' ? state.otherMembers(conversationId)[0] : undefined
  $('#chat-status').textContent =
    typing && typing.until > Date.now()
      ? `${state.nameOf(typing.userId)} is typing…`
      : peer
        ? presenceText(state, peer)
        : `${conversation.memberIds.length} members`
  $('#older').hidden = state.olderCursor.get(conversationId) === null

  const others = state.otherMembers(conversationId)
  const receipts = state.receipts.get(conversationId)
  const list = $('#messages')
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 20
  list.replaceChildren(
    ...state.messagesOf(conversationId).map((message) => {
      const mine = message.senderId === state.me.userId
      const ticks = ticksFor(message.seq ? message : undefined, others, receipts)
      const meta = h('div', { class: 'meta' }, new Date(message.sentAtMs).toLocaleTimeString())
      if (mine) meta.append(' ', h('span', { class: `ticks ${ticks}`, 'data-testid': 'ticks' }, TICK_GLYPHS[ticks]))
      return h(
        'li',
        {
          class: mine ? 'mine' : '',
          'data-testid': 'message',
          'data-ticks': mine ? ticks : '',
          'data-seq': String(message.seq),
        },
        ...(conversation.kind === 'group' && !mine
          ? [h('div', { class: 'muted' }, state.nameOf(message.senderId))]
          : []),
        ...(message.media ? [h('img', { src: message.media.url, alt: 'photo', 'data-testid': 'image' })] : []),
        h('div', { 'data-testid': 'text' }, message.text),
        meta,
      )
    }),
  )
  if (atBottom) list.scrollTop = list.scrollHeight
}
