/**
 * The chat box both pages share: which chat server to use (the stream info lists both; a channel
 * spans them through Redis pub/sub, so either one shows the whole conversation), the log, the
 * send form, errors from the server (rate limit, slow mode, a ban) and, for the channel's owner,
 * moderation: delete a message, ban a chatter, slow mode on and off.
 */
import { session } from './api.js'
import { openChatSocket } from './chat-socket.js'
import { messageItem } from './chat-view.js'

const $ = (id) => document.getElementById(id)
const KEEP = 200

/** @param {{ wire: { begin(label: string): string }, moderate: boolean }} options */
export function createChatPanel({ wire, moderate }) {
  let chat
  let target // { channel, urls }
  let retry
  let failures = 0 // consecutive connections that closed before opening
  const log = $('chat-log')
  const state = (text) => {
    $('chat-state').textContent = text
  }
  const problem = (text, code, reason) => {
    $('chat-error').textContent = text
    $('chat-error').dataset.code = code ?? ''
    $('chat-error').dataset.reason = reason ?? ''
  }

  // ?chat=a|b pins a server (two tabs on two servers); otherwise each page picks one at random.
  const pinned = { a: 0, b: 1 }[new URLSearchParams(location.search).get('chat') ?? '']
  let serverIndex

  const moderation = moderate
    ? {
        onDelete: (message) => run(() => chat.deleteMessage(message.id, wire.begin('delete a message'))),
        onBan: (message) => run(() => chat.ban(message.user, wire.begin(`ban ${message.user}`))),
      }
    : undefined
  const run = (action) => {
    try {
      action()
    } catch (error) {
      problem(error.message)
    }
  }

  function onEvent(event) {
    if (event.type === 'welcome') {
      const slow = event.slowModeSeconds ? ` · slow mode ${event.slowModeSeconds} s` : ''
      state(`connected to ${event.server}${slow}${session.token() ? '' : ' · read-only: pick a name to chat'}`)
      document.body.dataset.chatServer = event.server
      syncSlowMode(event.slowModeSeconds)
    } else if (event.type === 'message') {
      log.append(messageItem(document, event, moderation))
      while (log.children.length > KEEP) log.firstElementChild.remove()
      log.scrollTop = log.scrollHeight
    } else if (event.type === 'deleted') {
      log.querySelector(`li[data-id="${CSS.escape(String(event.id))}"]`)?.remove()
    } else if (event.type === 'banned') {
      for (const item of log.querySelectorAll('li[data-user]')) if (item.dataset.user === event.user) item.remove()
      notice(`${event.user} was banned`)
    } else if (event.type === 'slow-mode') {
      syncSlowMode(event.seconds)
      notice(event.seconds ? `slow mode: one message every ${event.seconds} s` : 'slow mode off')
    } else if (event.type === 'error') {
      // RATE_LIMITED comes with the reason (rate-limit or slow-mode) and when to try again.
      const wait = event.retryAfterMs ? ` (try again in ${Math.ceil(event.retryAfterMs / 1000)} s)` : ''
      problem(`${event.code}: ${event.message}${wait}`, event.code, event.details?.reason)
    }
  }

  function notice(text) {
    const item = document.createElement('li')
    item.className = 'notice'
    item.textContent = text
    log.append(item)
  }

  function syncSlowMode(seconds) {
    if (!moderate) return
    $('slow-mode').checked = seconds > 0
    if (seconds > 0) $('slow-seconds').value = String(seconds)
  }

  function open() {
    clearTimeout(retry)
    chat?.close()
    const url = target.urls[serverIndex]
    $('chat-server').textContent = url
    $('chat-form').querySelector('button').disabled = !session.token()
    state(`connecting to ${url}…`)
    let opened = false
    const socket = openChatSocket(url, {
      channel: target.channel,
      token: session.token(),
      onEvent,
      onOpen() {
        opened = true
        failures = 0
      },
      onClose(code, reason) {
        if (chat?.socket !== socket.socket) return // replaced on purpose
        // 4003: the owner banned this user; the server also refuses their next upgrade (403).
        if (code === 4003 || code === 1008) problem(`closed by the server: ${reason || code}`, String(code))
        if (code === 4003 || (!opened && ++failures >= 5)) {
          state(`disconnected (${code}${reason ? ` ${reason}` : ''})`)
          return
        }
        state(`disconnected (${code}${reason ? ` ${reason}` : ''}); reconnecting…`)
        retry = setTimeout(open, 2000)
      },
    })
    chat = socket
  }

  $('chat-via').addEventListener('change', () => {
    serverIndex = Number($('chat-via').value)
    if (target) open()
  })
  $('chat-form').addEventListener('submit', (event) => {
    event.preventDefault()
    const text = $('chat-text').value
    if (!text.trim() || !chat) return
    problem('')
    run(() => {
      chat.say(text, wire.begin(`chat “${text.slice(0, 20)}”`))
      $('chat-text').value = ''
    })
  })
  if (moderate) {
    const applySlowMode = () => {
      const seconds = $('slow-mode').checked ? Number($('slow-seconds').value) : 0
      run(() => chat?.slowMode(seconds, wire.begin(seconds ? `slow mode ${seconds} s` : 'slow mode off')))
    }
    $('slow-mode').addEventListener('change', applySlowMode)
    $('slow-seconds').addEventListener('change', () => $('slow-mode').checked && applySlowMode())
  }

  return {
    /** Joins `channel` on one of `urls` (the stream info's chatUrls). */
    connect(channel, urls) {
      if (target?.channel === channel && chat) return
      target = { channel, urls }
      serverIndex ??= pinned ?? Math.floor(Math.random() * urls.length)
      serverIndex = Math.min(serverIndex, urls.length - 1)
      $('chat-via').replaceChildren(
        ...urls.map((_url, index) =>
          Object.assign(document.createElement('option'), {
            value: String(index),
            textContent: `server ${String.fromCharCode(65 + index)}`,
          }),
        ),
      )
      $('chat-via').value = String(serverIndex)
      log.replaceChildren()
      open()
    },
    /** After signing up: the same server again, now with the token (sending needs it). */
    reconnect() {
      if (target) open()
    },
  }
}
