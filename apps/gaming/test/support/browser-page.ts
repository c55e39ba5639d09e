import type { Page } from 'playwright-core'

/** Where the game page says the server has its player, and where it draws it (#position's data). */
export interface PagePosition {
  server: { x: number; y: number }
  drawn: { x: number; y: number }
}

export async function readPosition(page: Page): Promise<PagePosition> {
  return page.$eval('#position', (node) => {
    const data = (node as HTMLElement).dataset
    return {
      server: { x: Number(data.serverX), y: Number(data.serverY) },
      drawn: { x: Number(data.drawnX), y: Number(data.drawnY) },
    }
  })
}

/** The arrow key that moves the player toward the arena's middle along x (away from the wall). */
export const keyTowardMiddle = (position: PagePosition) => (position.server.x < 500 ? 'ArrowRight' : 'ArrowLeft')

/**
 * Holds `key` for `ms` and samples the page's position every animation frame meanwhile: what the
 * reader would have seen. Bounded by `ms`.
 */
export async function holdAndSample(page: Page, key: string, ms: number): Promise<PagePosition[]> {
  await page.keyboard.down(key)
  try {
    return await page.evaluate(
      (duration) =>
        new Promise<PagePosition[]>((resolve) => {
          const samples: PagePosition[] = []
          const until = performance.now() + duration
          const sample = () => {
            const data = (document.getElementById('position') as HTMLElement).dataset
            samples.push({
              server: { x: Number(data.serverX), y: Number(data.serverY) },
              drawn: { x: Number(data.drawnX), y: Number(data.drawnY) },
            })
            if (performance.now() < until) requestAnimationFrame(sample)
            else resolve(samples)
          }
          requestAnimationFrame(sample)
        }),
      ms,
    )
  } finally {
    await page.keyboard.up(key)
  }
}
