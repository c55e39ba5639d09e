/**
 * Draws the arena on a canvas: a grid, the pickups and other players the last snapshot showed
 * (the server sends only what is within 300 units of you), the circle you can see, and you.
 * With prediction on, a faint ring marks where the server last had you: the gap between the two
 * is the round trip the prediction hides.
 */
import { ARENA, PICKUP_RADIUS, PLAYER_RADIUS, VIEW_RADIUS } from './movement.js'

const COLORS = ['#e4572e', '#17bebb', '#ffc914', '#76b041', '#a05eb5', '#2e86ab', '#f18f01', '#c73e1d']
export const colorOf = (slot) => COLORS[slot % COLORS.length]

/** @param {HTMLCanvasElement} canvas */
export function createArenaView(canvas) {
  const context = canvas.getContext('2d')
  const scale = canvas.width / ARENA.width

  const circle = (x, y, radius) => {
    context.beginPath()
    context.arc(x * scale, y * scale, radius * scale, 0, Math.PI * 2)
  }

  /**
   * @param {{ me?: {x:number,y:number}, server?: {x:number,y:number}, mySlot?: number,
   *   others: {slot:number,x:number,y:number}[], pickups: {x:number,y:number}[],
   *   names: Map<number, string> }} scene
   */
  function draw(scene) {
    context.fillStyle = '#10151c'
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.strokeStyle = '#1d2630'
    context.lineWidth = 1
    for (let line = 100; line < ARENA.width; line += 100) {
      context.beginPath()
      context.moveTo(line * scale, 0)
      context.lineTo(line * scale, canvas.height)
      context.moveTo(0, line * scale)
      context.lineTo(canvas.width, line * scale)
      context.stroke()
    }
    if (scene.me) {
      circle(scene.me.x, scene.me.y, VIEW_RADIUS)
      context.fillStyle = 'rgba(255,255,255,0.04)'
      context.fill()
    }
    context.fillStyle = '#ffd166'
    for (const pickup of scene.pickups) {
      circle(pickup.x, pickup.y, PICKUP_RADIUS)
      context.fill()
    }
    context.font = `${Math.max(10, 12 * scale * 1.4)}px system-ui, sans-serif`
    context.textAlign = 'center'
    for (const player of scene.others)
      drawPlayer(player.x, player.y, colorOf(player.slot), scene.names.get(player.slot))
    if (scene.server && scene.me) {
      circle(scene.server.x, scene.server.y, PLAYER_RADIUS)
      context.strokeStyle = 'rgba(255,255,255,0.45)'
      context.lineWidth = 1
      context.stroke()
    }
    if (scene.me) drawPlayer(scene.me.x, scene.me.y, colorOf(scene.mySlot ?? 0), 'you', true)
  }

  function drawPlayer(x, y, color, label, isMe = false) {
    circle(x, y, PLAYER_RADIUS)
    context.fillStyle = color
    context.fill()
    if (isMe) {
      context.strokeStyle = '#ffffff'
      context.lineWidth = 2
      context.stroke()
    }
    if (label) {
      context.fillStyle = '#d8dee6'
      // fillText draws pixels, never markup: a name cannot inject anything here.
      context.fillText(label, x * scale, (y - PLAYER_RADIUS - 4) * scale)
    }
  }

  return { draw }
}
