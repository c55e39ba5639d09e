/**
 * Keyboard (WASD / arrows) and pointer (press and hold to steer toward the pointer) to a move
 * vector of integers in −127…127, read once per tick. The movement rule clamps the vector to
 * length 127, so a diagonal is no faster than a straight line.
 */
import { ARENA, MAX_MOVE } from './movement.js'

const KEYS = {
  KeyW: [0, -1],
  ArrowUp: [0, -1],
  KeyS: [0, 1],
  ArrowDown: [0, 1],
  KeyA: [-1, 0],
  ArrowLeft: [-1, 0],
  KeyD: [1, 0],
  ArrowRight: [1, 0],
}

/** @param {HTMLCanvasElement} canvas */
export function createControls(canvas) {
  const held = new Set()
  let pointer

  // Keys typed into a text or number field are text, not moves (a checkbox or button keeps the game's keys).
  const typing = (event) =>
    event.target instanceof HTMLTextAreaElement ||
    (event.target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(event.target.type))
  window.addEventListener('keydown', (event) => {
    if (!(event.code in KEYS) || typing(event)) return
    held.add(event.code)
    event.preventDefault() // arrows would scroll the page
  })
  window.addEventListener('keyup', (event) => held.delete(event.code))
  window.addEventListener('blur', () => held.clear())

  const aim = (event) => {
    const box = canvas.getBoundingClientRect()
    pointer = {
      x: ((event.clientX - box.left) / box.width) * ARENA.width,
      y: ((event.clientY - box.top) / box.height) * ARENA.height,
    }
  }
  canvas.addEventListener('pointerdown', (event) => {
    canvas.setPointerCapture(event.pointerId)
    aim(event)
  })
  canvas.addEventListener('pointermove', (event) => pointer && aim(event))
  const release = () => {
    pointer = undefined
  }
  canvas.addEventListener('pointerup', release)
  canvas.addEventListener('pointercancel', release)

  return {
    /** This tick's move vector; `from` is where we are (to steer toward the pointer). */
    move(from) {
      if (pointer && from) {
        const dx = pointer.x - from.x
        const dy = pointer.y - from.y
        const distance = Math.hypot(dx, dy)
        // Close enough: stop rather than oscillate around the pointer.
        if (distance < 4) return { moveX: 0, moveY: 0 }
        return { moveX: Math.round((dx / distance) * MAX_MOVE), moveY: Math.round((dy / distance) * MAX_MOVE) }
      }
      let x = 0
      let y = 0
      for (const code of held) {
        x += KEYS[code][0]
        y += KEYS[code][1]
      }
      return { moveX: Math.sign(x) * MAX_MOVE, moveY: Math.sign(y) * MAX_MOVE }
    },
  }
}
