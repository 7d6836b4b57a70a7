// The Node side of the console: where the built files are, and a build on first start. No React here: the
// browser app lives in src/app/ and is compiled by Vite, never imported by Node.
import { existsSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)))

/** The absolute path of the built console (packages/console/dist), whether or not it is built yet. */
export function consoleDistDir(): string {
  return join(packageDir, 'dist')
}

let building: Promise<string> | undefined

/**
 * Returns the built console's directory, building it first when `dist/index.html` is missing (a first start
 * after `npm ci --ignore-scripts`, or a fresh checkout). It builds into a directory of its own and renames it
 * into place, so a second process starting at the same time never serves a half-written build.
 */
export function ensureConsoleBuilt(log?: (message: string) => void): Promise<string> {
  const dist = consoleDistDir()
  if (existsSync(join(dist, 'index.html'))) return Promise.resolve(dist)
  building ??= buildInto(dist, log).finally(() => {
    building = undefined
  })
  return building
}

/** Builds the console with the package's vite.config.ts into `outDir` (emptied first). */
export async function buildConsole(outDir: string): Promise<void> {
  // Vite is loaded only when a build is needed: serving an already built console does not need it.
  const { build } = await import('vite')
  await build({
    configFile: join(packageDir, 'vite.config.ts'),
    root: packageDir,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })
}

async function buildInto(dist: string, log?: (message: string) => void): Promise<string> {
  log?.('building the web console (first start)')
  const staging = `${dist}.build-${process.pid}`
  try {
    await buildConsole(staging)
    if (existsSync(join(dist, 'index.html'))) return dist // another process built it meanwhile
    await rm(dist, { recursive: true, force: true })
    await rename(staging, dist)
    log?.(`built the web console into ${dist}`)
    return dist
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}
