/**
 * The synthetic city drawn on a canvas from /city.json: the same street grid the router and
 * the simulator use. No map tiles, no scripts from elsewhere.
 */
const COLORS = {
  street: '#fbf9f4',
  avenue: '#f2c14e',
  bridge: '#8d8d8d',
  river: '#8fb8d8',
  driver: '#3b6ea5',
  assigned: '#d1495b',
  pickup: '#2a9d8f',
  dropoff: '#1d232a',
}

export class CityMap {
  constructor(canvas, city) {
    this.canvas = canvas
    this.context = canvas.getContext('2d')
    this.city = city
    this.drivers = []
    this.assigned = null
    this.pickup = null
    this.dropoff = null
    this.surge = []
    this.showSurge = true
    this.dirty = true
    const frame = () => {
      if (this.dirty) this.draw()
      this.dirty = false
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  }

  update(changes) {
    Object.assign(this, changes)
    this.dirty = true
  }

  toScreen({ lat, lon }) {
    const { south, west, north, east } = this.city.bounds
    return {
      x: ((lon - west) / (east - west)) * this.canvas.width,
      y: ((north - lat) / (north - south)) * this.canvas.height,
    }
  }

  toLatLon(x, y) {
    const { south, west, north, east } = this.city.bounds
    return {
      lat: north - (y / this.canvas.height) * (north - south),
      lon: west + (x / this.canvas.width) * (east - west),
    }
  }

  /** Canvas coordinates of a mouse event, whatever the CSS size of the canvas. */
  eventToLatLon(event) {
    const box = this.canvas.getBoundingClientRect()
    const x = ((event.clientX - box.left) / box.width) * this.canvas.width
    const y = ((event.clientY - box.top) / box.height) * this.canvas.height
    return this.toLatLon(x, y)
  }

  draw() {
    const c = this.context
    c.clearRect(0, 0, this.canvas.width, this.canvas.height)
    if (this.showSurge) this.drawSurge((box, cell) => this.shade(box, cell))
    const { southWest, northEast } = this.city.river
    const a = this.toScreen({ lat: northEast.lat, lon: southWest.lon })
    const b = this.toScreen({ lat: southWest.lat, lon: northEast.lon })
    c.fillStyle = COLORS.river
    c.fillRect(a.x, a.y, b.x - a.x, b.y - a.y)
    for (const kind of ['street', 'avenue', 'bridge'])
      for (const street of this.city.streets.filter((each) => each.kind === kind)) this.line(street, kind)
    if (this.showSurge) this.drawSurge((box, cell) => this.label(box, cell))
    for (const driver of this.drivers) this.dot(driver, 4, COLORS.driver)
    if (this.pickup) this.pin(this.pickup, COLORS.pickup, 'P')
    if (this.dropoff) this.pin(this.dropoff, COLORS.dropoff, 'D')
    if (this.assigned) this.dot(this.assigned, 7, COLORS.assigned)
  }

  /** Calls `paint` with the screen box of every surge cell (the surge map comes from GET /v1/surge). */
  drawSurge(paint) {
    for (const cell of this.surge) {
      const a = this.toScreen({ lat: cell.northEast.lat, lon: cell.southWest.lon })
      const b = this.toScreen({ lat: cell.southWest.lat, lon: cell.northEast.lon })
      paint({ x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y }, cell)
    }
  }

  shade(box, cell) {
    if (cell.multiplier <= 1) return
    const heat = Math.min(1, (cell.multiplier - 1) / 2)
    this.context.fillStyle = `rgba(209, 73, 91, ${0.15 + heat * 0.4})`
    this.context.fillRect(box.x, box.y, box.width, box.height)
  }

  /** "×1.5 · 3 req / 2 drv" in the cell's corner: the multiplier and the counts behind it. */
  label(box, cell) {
    const c = this.context
    const text = `×${cell.multiplier.toFixed(1)} · ${cell.demand} req / ${cell.supply} drv`
    c.font = '11px system-ui'
    c.fillStyle = cell.multiplier > 1 ? '#7a1f2bdd' : '#1d232a99'
    c.fillRect(box.x + 3, box.y + 3, c.measureText(text).width + 8, 16)
    c.fillStyle = '#fff'
    c.fillText(text, box.x + 7, box.y + 15)
  }

  line(street, kind) {
    const c = this.context
    const from = this.toScreen(street.from)
    const to = this.toScreen(street.to)
    c.strokeStyle = COLORS[kind]
    c.lineWidth = kind === 'street' ? 3 : 5
    c.beginPath()
    c.moveTo(from.x, from.y)
    c.lineTo(to.x, to.y)
    c.stroke()
  }

  dot(position, radius, color) {
    const c = this.context
    const { x, y } = this.toScreen(position)
    c.fillStyle = color
    c.beginPath()
    c.arc(x, y, radius, 0, Math.PI * 2)
    c.fill()
  }

  pin(position, color, letter) {
    const c = this.context
    const { x, y } = this.toScreen(position)
    this.dot(position, 9, color)
    c.fillStyle = '#fff'
    c.font = 'bold 11px system-ui'
    c.fillText(letter, x - 4, y + 4)
  }
}
