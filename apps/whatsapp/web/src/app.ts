/**
 * The browser client: sign in over REST, then one WebSocket to the gateway that served this
 * page. All protocol logic (ordering, dedupe, resend, resync) lives in ChatClient, shared with
 * the tests and the load generator; this file only turns events into pixels.
 */
import { ApiClient } from './api-client'
import { ChatClient, type WebSocketLike } from './chat-client'
import { ChatState } from './chat-state'
import { render } from './chat-view'
import { wireSidebarForms } from './sidebar-forms'

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T

async function main(): Promise<void> {
  const { apiUrl } = (await (await fetch('/config.json')).json()) as { apiUrl: string }
  const saved = sessionStorage.getItem('session')
  if (saved) {
    const { token } = JSON.parse(saved) as { token: string }
    const api = new ApiClient(apiUrl, token)
    try {
      return await startChat(api, token)
    } catch {
      sessionStorage.removeItem('session')
    }
  }
  const signIn = async (handle: string) => {
    try {
      const api = new ApiClient(apiUrl)
      const session = await api.signIn(handle)
      sessionStorage.setItem('session', JSON.stringify({ token: session.token }))
      await startChat(api, session.token)
    } catch (error) {
      $('#sign-in-error').textContent = (error as Error).message
    }
  }
  $('#sign-in-form').onsubmit = (event) => {
    event.preventDefault()
    void signIn($<HTMLInputElement>('#handle').value)
  }
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-handle]')))
    button.onclick = () => void signIn(button.dataset.handle!)
}

async function startChat(api: ApiClient, token: string): Promise<void> {
  const { user, settings } = await api.me()
  const state = new ChatState(user, settings)
  for (const contact of await api.contacts()) state.contacts.set(contact.userId, contact)
  const seen: Record<string, number> = {}
  for (const conversation of await api.conversations()) {
    state.conversations.set(conversation.conversationId, conversation)
    // The newest page of each chat over REST; the socket's resync then brings only what is newer.
    const page = await api.history(conversation.conversationId)
    for (const message of page.messages) state.addMessage(message)
    for (const receipt of page.receipts) state.setReceipt(receipt)
    state.olderCursor.set(conversation.conversationId, page.nextCursor)
    seen[conversation.conversationId] = page.messages.at(-1)?.seq ?? 0
  }
  $('#sign-in').hidden = true
  $('#app').hidden = false

  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  const client = new ChatClient({
    gatewayUrl: `${protocol}//${location.host}/ws`,
    api,
    token,
    seen,
    // The DOM's handler types are narrower than WebSocketLike's; the shapes match at run time.
    createSocket: (url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike,
  })

  // One render per burst of events. Not requestAnimationFrame: a page in a background window
  // gets no frames, and its state (ticks, unread counts) must still be current when it returns.
  let scheduled = false
  const redraw = () => {
    if (scheduled) return
    scheduled = true
    setTimeout(() => {
      scheduled = false
      render(state, { open })
    }, 0)
  }
  const readIfOpen = (conversationId: string) => {
    if (
      state.settings.readReceipts &&
      conversationId === state.openConversationId &&
      document.visibilityState === 'visible'
    )
      client.markRead(conversationId)
  }
  const open = (conversationId: string) => {
    state.openConversationId = conversationId
    state.unread.delete(conversationId)
    readIfOpen(conversationId)
    redraw()
  }

  client.on('state', (value) => {
    $('#connection').textContent = value
    $('#connection').className = `badge ${value}`
  })
  client.on('message', (message) => {
    state.addMessage(message)
    if (!state.conversations.has(message.conversationId)) void refreshConversations(api, state).then(redraw)
    if (message.senderId !== user.userId) {
      if (message.conversationId === state.openConversationId) readIfOpen(message.conversationId)
      else state.unread.set(message.conversationId, (state.unread.get(message.conversationId) ?? 0) + 1)
    }
    redraw()
  })
  client.on('receipt', (receipt) => {
    state.setReceipt(receipt)
    redraw()
  })
  client.on('presence', (presence) => {
    state.presence.set(presence.userId, presence)
    redraw()
  })
  client.on('typing', ({ conversationId, userId }) => {
    state.typing.set(conversationId, { userId, until: Date.now() + 3_000 })
    redraw()
    setTimeout(redraw, 3_100)
  })
  client.on('error', (error) => {
    $('#chat-error').textContent = `${error.code}: ${error.message}`
    if (error.code === 'UNAUTHENTICATED') sessionStorage.removeItem('session')
  })
  document.addEventListener('visibilitychange', () => state.openConversationId && readIfOpen(state.openConversationId))

  const send = async (content: { text?: string; media?: { url: string; contentType: string } }) => {
    const conversationId = state.openConversationId
    if (!conversationId) return
    const clientMessageId = crypto.randomUUID()
    state.addMessage({
      conversationId,
      clientMessageId,
      senderId: user.userId,
      text: content.text ?? '',
      media: content.media,
      seq: 0,
      sentAtMs: Date.now(),
    })
    redraw()
    try {
      state.addMessage(await client.send(conversationId, content, clientMessageId))
      $('#chat-error').textContent = ''
    } catch (error) {
      $('#chat-error').textContent = (error as Error).message
    }
    redraw()
  }

  let lastTyping = 0
  $('#text').oninput = () => {
    if (state.openConversationId && Date.now() - lastTyping > 2_000) {
      lastTyping = Date.now()
      client.typing(state.openConversationId)
    }
  }
  $('#composer').onsubmit = (event) => {
    event.preventDefault()
    const input = $<HTMLInputElement>('#text')
    if (input.value.trim() === '') return
    void send({ text: input.value })
    input.value = ''
  }
  $<HTMLInputElement>('#image').onchange = async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0]
    if (!file) return
    try {
      const media = await api.uploadMedia(file, file.type)
      await send({ media: { url: media.url, contentType: media.contentType } })
    } catch (error) {
      $('#chat-error').textContent = (error as Error).message
    }
  }
  $('#older').onclick = async () => {
    const conversationId = state.openConversationId
    if (!conversationId) return
    const page = await api.history(conversationId, state.olderCursor.get(conversationId))
    for (const message of page.messages) state.addMessage(message)
    state.olderCursor.set(conversationId, page.nextCursor)
    redraw()
  }
  wireSidebarForms(api, state, open, (message) => {
    $('#chat-error').textContent = message
  })
  redraw()
}

async function refreshConversations(api: ApiClient, state: ChatState): Promise<void> {
  for (const conversation of await api.conversations())
    state.conversations.set(conversation.conversationId, conversation)
  for (const contact of await api.contacts()) state.contacts.set(contact.userId, contact)
}

void main()
