/**
 * The wire panel every scenario page embeds: what crossed the wire for what the reader just did,
 * drawn live as a sequence diagram. The page makes a trace context for an action (`begin`),
 * sends it with the action, and the panel polls the page's own origin for that trace's spans.
 *
 *   <link rel="stylesheet" href="/wire/panel.css">
 *   import { createWirePanel } from '/wire/panel.js'
 *
 * No framework, no build step, nothing from another origin: it runs under `script-src 'self';
 * style-src 'self'` (its styles are classes in panel.css; positions are set through the CSSOM).
 */
import { BADGE, badge, renderDetails, renderDiagram } from './diagram.js'
import { el, srOnly } from './dom.js'
import { DEFAULT_TIMING, followTrace } from './follow.js'
import { layoutTrace } from './layout.js'

/**
 * @typedef {object} WirePanelOptions
 * @property {string} [tracesUrl] a trace is read from `${tracesUrl}${traceId}`; default '/wire/traces/'
 * @property {number} [pollMs] between polls of a followed trace; default 400
 * @property {number} [quietMs] stop following once no new span arrived for this long; default 5000
 * @property {number} [firstSpanMs] stop following when no span at all arrived for this long; default 20000 (a busy machine can hold a first export back for seconds)
 * @property {number} [maxMs] stop following after this long in all; default 30000
 *
 * @typedef {object} WirePanel
 * @property {(label: string) => string} begin a new trace for an action the page is about to do: its traceparent
 * @property {(traceId: string, label: string) => void} follow show a trace someone else started
 * @property {() => void} clear stop following and forget every action
 *
 * @typedef {object} Action
 * @property {string} traceId
 * @property {string} label
 * @property {Date} at
 * @property {import('./layout.js').Diagram} diagram
 * @property {boolean} live
 * @property {string | undefined} problem
 * @property {{ stop(): void } | undefined} follower
 */

const KEEP = 12
const TRACE_ID = /^[0-9a-f]{32}$/
const COLLAPSED = 'wired.wire-panel.collapsed'
const EMPTY = 'Do something on the page — send a message — and watch it cross the wire.'
let panels = 0

/**
 * @param {HTMLElement} container the panel is appended to it
 * @param {WirePanelOptions} [options]
 * @returns {WirePanel}
 */
export function createWirePanel(container, options = {}) {
  const id = `wire-panel-${++panels}`
  const tracesUrl = options.tracesUrl ?? '/wire/traces/'
  const timing = { ...DEFAULT_TIMING }
  for (const key of /** @type {const} */ (['pollMs', 'quietMs', 'firstSpanMs', 'maxMs']))
    timing[key] = options[key] ?? timing[key]
  /** @type {Action[]} newest first */
  let actions = []
  /** @type {Action | undefined} */
  let shown
  /** @type {string | undefined} the hop whose details are open */
  let opened

  const title = el('h2', 'wire-panel__title', 'On the wire')
  title.id = `${id}-title`
  const status = el('p', 'wire-panel__status')
  status.setAttribute('role', 'status')
  const toggle = el('button', 'wire-panel__toggle')
  toggle.type = 'button'
  toggle.setAttribute('aria-controls', `${id}-body`)
  const list = el('ol', 'wire-actions')
  list.setAttribute('aria-label', 'What you did, newest first')
  const empty = el('p', 'wire-panel__empty', EMPTY)
  const traceTitle = el('h3', 'wire-panel__subtitle')
  const note = el('p', 'wire-panel__note')
  const scroller = el('div', 'wire-scroll')
  scroller.setAttribute('role', 'region')
  scroller.setAttribute('aria-label', 'Hops in time order, one row each (lanes scroll sideways)')
  scroller.tabIndex = 0
  const details = el('section', 'wire-details')
  details.id = `${id}-details`
  details.setAttribute('aria-labelledby', `${id}-details-title`)
  const view = el('div', 'wire-view', [traceTitle, note, scroller, details])
  const body = el('div', 'wire-panel__body', [legend(), list, empty, view])
  body.id = `${id}-body`
  const root = el('section', 'wire-panel', [el('div', 'wire-panel__header', [title, status, toggle]), body])
  root.setAttribute('aria-labelledby', title.id)
  container.append(root)

  toggle.addEventListener('click', () => setCollapsed(!body.hidden))
  setCollapsed(readCollapsed())
  update()

  /** @param {Action} action */
  function start(action) {
    action.live = true
    action.follower = followTrace(`${tracesUrl}${action.traceId}`, timing, {
      spans(spans) {
        action.diagram = layoutTrace(spans)
        update()
      },
      problem(problem) {
        if (problem === action.problem) return
        action.problem = problem
        update()
      },
      done() {
        action.live = false
        action.follower = undefined
        update()
      },
    })
  }

  /** @param {Action | undefined} action */
  function show(action) {
    shown = action
    opened = undefined
    update()
  }

  /** @param {string} key */
  function openHop(key) {
    opened = opened === key ? undefined : key
    update()
    if (opened) details.scrollIntoView({ block: 'nearest' })
  }

  function update() {
    // Rows are rebuilt as spans arrive: the element a keyboard user was on gets its focus back.
    const active = document.activeElement
    const focused = active instanceof HTMLElement && root.contains(active) ? active.dataset.wireKey : undefined
    renderStatus()
    renderActions()
    renderShown()
    if (focused === undefined) return
    for (const candidate of Array.from(root.querySelectorAll('[data-wire-key]')))
      if (candidate instanceof HTMLElement && candidate.dataset.wireKey === focused) candidate.focus()
  }

  function renderStatus() {
    let text = 'Nothing followed yet'
    if (shown) text = `${hopCount(shown)}, ${shown.live ? 'live' : 'finished'}`
    if (status.textContent !== text) status.textContent = text
    status.classList.toggle('wire-panel__status--live', shown?.live === true)
  }

  function renderActions() {
    empty.hidden = actions.length > 0
    view.hidden = shown === undefined
    list.hidden = actions.length === 0
    list.replaceChildren(
      ...actions.map((action) => {
        const button = el('button', 'wire-action', [
          el('span', 'wire-action__label', action.label),
          el('span', 'wire-action__meta', `${action.at.toLocaleTimeString()} · ${hopCount(action)}`),
          action.live && el('span', 'wire-action__live', 'live'),
        ])
        button.type = 'button'
        button.dataset.wireKey = `action:${action.traceId}`
        button.setAttribute('aria-pressed', String(action === shown))
        button.addEventListener('click', () => show(action))
        return el('li', '', [button])
      }),
    )
  }

  function renderShown() {
    if (!shown) return
    const { diagram } = shown
    traceTitle.replaceChildren(shown.label, ' ', el('span', 'wire-panel__trace', `trace ${shown.traceId}`))
    const waiting = diagram.hops.length === 0
    note.textContent = shown.problem
      ? `Could not read the trace: ${shown.problem}.`
      : waiting && shown.live
        ? 'Waiting for the first hop…'
        : waiting
          ? 'No hop of this action reached the wire view: is tracing on for this page’s services?'
          : ''
    note.hidden = note.textContent === ''
    scroller.hidden = waiting
    scroller.replaceChildren(renderDiagram(diagram, { selected: opened, detailsId: details.id, onSelect: openHop }))
    const hop = diagram.hops.find((candidate) => candidate.key === opened)
    details.hidden = hop === undefined
    const names = diagram.lanes.map((lane) => lane.name)
    details.replaceChildren(...(hop ? renderDetails(hop, names, `${id}-details-title`) : []))
  }

  /** @param {boolean} collapsed */
  function setCollapsed(collapsed) {
    body.hidden = collapsed
    root.classList.toggle('wire-panel--collapsed', collapsed)
    toggle.setAttribute('aria-expanded', String(!collapsed))
    toggle.replaceChildren(collapsed ? 'Show' : 'Hide', srOnly(' the wire panel'))
    try {
      localStorage.setItem(COLLAPSED, collapsed ? '1' : '0')
    } catch {
      // Storage may be off (a private window, a sandboxed frame): the choice then lasts this page.
    }
  }

  return {
    begin(label) {
      const traceId = randomHex(16)
      follow(traceId, label)
      return `00-${traceId}-${randomHex(8)}-01`
    },
    follow,
    clear() {
      for (const action of actions) action.follower?.stop()
      actions = []
      show(undefined)
    },
  }

  /**
   * @param {string} traceId 32 hex digits (a whole traceparent is accepted too)
   * @param {string} label
   */
  function follow(traceId, label) {
    const text = String(traceId).toLowerCase()
    const trace = /^00-([0-9a-f]{32})-/.exec(text)?.[1] ?? text
    if (!TRACE_ID.test(trace) || /^0+$/.test(trace)) {
      console.warn(`wire panel: not a trace id, not followed: ${text.slice(0, 80)}`)
      return
    }
    let action = actions.find((candidate) => candidate.traceId === trace)
    if (!action) {
      action = {
        traceId: trace,
        label: String(label ?? 'action'),
        at: new Date(),
        diagram: { lanes: [], hops: [] },
        live: false,
        problem: undefined,
        follower: undefined,
      }
      actions.unshift(action)
      for (const dropped of actions.splice(KEEP)) dropped.follower?.stop()
    }
    // A trace followed again (a reply arrived in it) may have grown: poll it again.
    if (!action.live) start(action)
    show(action)
  }
}

/** @param {Action} action */
const hopCount = (action) => `${action.diagram.hops.length} ${action.diagram.hops.length === 1 ? 'hop' : 'hops'}`

function legend() {
  const item = (/** @type {Array<Node | string>} */ content) => el('li', '', content)
  const keys = /** @type {Array<keyof BADGE>} */ (Object.keys(BADGE))
  const list = el('ul', 'wire-legend', [
    ...keys.map((protocol) => item([badge(protocol)])),
    item([el('span', 'wire-key wire-key--message'), 'one-way message']),
    item([el('span', 'wire-key wire-key--call'), 'call, dashed: its answer']),
    item([el('span', 'wire-row__icon', '✕'), ' failed']),
  ])
  list.setAttribute('aria-label', 'Legend')
  return list
}

/** Random ids as W3C trace context wants them: lowercase hex, never all zeros. @param {number} bytes */
function randomHex(bytes) {
  const random = new Uint8Array(bytes)
  do crypto.getRandomValues(random)
  while (random.every((byte) => byte === 0))
  return Array.from(random, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function readCollapsed() {
  try {
    return localStorage.getItem(COLLAPSED) === '1'
  } catch {
    return false
  }
}
