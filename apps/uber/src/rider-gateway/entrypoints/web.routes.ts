import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import { type City, listCells } from '../../shared/city'
import { RIDER_SOCKET_PATH } from './rider.gateway'

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web')

/**
 * The rider page (/), the driver page (/driver.html), and what they need to draw the city itself: no map tiles, no scripts from the
 * internet. /city.json is the same street grid the router and the simulator use.
 */
export async function serveWeb(
  app: FastifyInstance,
  city: City,
  page: { apiUrl: string; driverSocketUrl: string; simSpeedup: number },
): Promise<void> {
  await app.register(fastifyStatic, { root: WEB_DIR, index: ['index.html'] })
  const geometry = cityGeometry(city)
  app.get('/city.json', async () => geometry)
  // simSpeedup: the page explains why the simulated cars beat their ETAs.
  app.get('/config.json', async () => ({ ...page, riderSocketPath: RIDER_SOCKET_PATH }))
}

export function cityGeometry(city: City) {
  const toLatLon = (point: { x: number; y: number }) => city.projection.toLatLon(point)
  const { blockMetres, columns } = city.options
  const riverSouth = toLatLon({ x: -blockMetres, y: city.riverY - blockMetres * 0.3 })
  const riverNorth = toLatLon({ x: columns * blockMetres, y: city.riverY + blockMetres * 0.3 })
  return {
    bounds: city.bounds,
    streets: city.streets.map((street) => ({
      kind: street.kind,
      from: toLatLon(city.nodes[street.from]!),
      to: toLatLon(city.nodes[street.to]!),
    })),
    river: { southWest: riverSouth, northEast: riverNorth },
    cells: listCells(city),
  }
}
