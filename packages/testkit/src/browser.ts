import { type Browser, chromium } from 'playwright-core'

/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser build). The flags keep
 * it from reaching for the network, which this machine does not have. playwright-core gives
 * every launch a fresh, throwaway profile folder (the `--user-data-dir` Chromium needs).
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })
}
