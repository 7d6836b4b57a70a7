import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { type Browser, chromium, type Page } from 'playwright-core'

/** Debian's Chromium, which `.ci/run` installs with apt-get when it is missing. */
const CHROMIUM = '/usr/bin/chromium'

/**
 * Where screenshots go: a temp directory, so that `npm test` leaves the checkout as it found it; `npm run
 * screenshots` sets CRMSYNC_SCREENSHOT_DIR=docs/screenshots to refresh the PNGs the README shows.
 */
const SCREENSHOTS = resolve(
  process.env['CRMSYNC_SCREENSHOT_DIR'] ?? join(tmpdir(), 'crmsync-console-screenshots'),
)

/** Chromium headless; `--no-sandbox` because CI runs as root, where Chromium's sandbox refuses to start. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
}

/** Saves a full-page screenshot of `page` as <name>.png in SCREENSHOTS. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** Matches a Salesforce session id (`00D…!AQ…`) or a HubSpot private app token (`pat-…`), whatever their value. */
export const CRM_TOKEN = /00D[A-Za-z0-9]{12,15}!AQ|pat-(na|eu)\d-[A-Za-z0-9-]+/
