import type { ConfigIssue, ConfigPath } from './config-issue.js'
import { isLocalUrl } from './primitives.js'

/**
 * Secrets come from the environment (design.md 4.2): a config file lives in git, so a token written in it
 * leaks. A literal secret is accepted only when every URL it is sent to is a local sandbox
 * (localhost, 127.0.0.1, ::1), because sandbox tokens are throw-away and tests and the demo need them
 * inline. Everywhere else the value must be a `${NAME}` reference.
 */

const DEFAULT_LOGIN_URL = 'https://login.salesforce.com'
const DEFAULT_HUBSPOT_URL = 'https://api.hubapi.com'

const LITERAL_SECRET =
  'secrets must come from the environment: write ${NAME} and set NAME ' +
  '(literal values are accepted only for localhost sandboxes)'

/** Every key that holds a secret in one connection, and where the secret is sent. */
export const SECRET_KEYS: ReadonlyArray<{
  readonly path: ConfigPath
  readonly sentTo: 'salesforce' | 'oauth' | 'hubspot' | 'webhook' | 'smtp'
}> = [
  { path: ['salesforce', 'accessToken'], sentTo: 'salesforce' },
  { path: ['salesforce', 'oauth', 'clientSecret'], sentTo: 'oauth' },
  { path: ['salesforce', 'oauth', 'privateKey'], sentTo: 'oauth' },
  { path: ['salesforce', 'oauth', 'refreshToken'], sentTo: 'oauth' },
  { path: ['salesforce', 'oauth', 'password'], sentTo: 'oauth' },
  { path: ['hubspot', 'accessToken'], sentTo: 'hubspot' },
  // Not sent anywhere: it verifies HubSpot's signatures, so it is as local as the portal it belongs to.
  { path: ['settings', 'capture', 'webhooks', 'clientSecret'], sentTo: 'hubspot' },
  // Signs what is sent to the webhook URL; the SMTP URL carries the mail server's password (B-ERR-11).
  { path: ['notifications', 'webhook', 'secret'], sentTo: 'webhook' },
  { path: ['notifications', 'email', 'smtpUrl'], sentTo: 'smtp' },
]

/** Reads a nested value of the raw document without trusting its shape. */
function pick(root: unknown, path: ConfigPath): unknown {
  let node = root
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string | number, unknown>)[key]
  }
  return node
}

function urlAt(root: unknown, path: ConfigPath, fallback: string): string {
  const value = pick(root, path)
  return typeof value === 'string' ? value : fallback
}

/** For one connection: each secret's path and the URLs it is sent to. */
function secretsOf(connection: unknown): Array<{ path: ConfigPath; urls: string[] }> {
  const instanceUrl = urlAt(connection, ['salesforce', 'instanceUrl'], '')
  const loginUrl = urlAt(connection, ['salesforce', 'oauth', 'loginUrl'], DEFAULT_LOGIN_URL)
  const hubspotUrl = urlAt(connection, ['hubspot', 'basePath'], DEFAULT_HUBSPOT_URL)
  // client-credentials posts to the org's My Domain; the other flows to the login host.
  const oauthUrls =
    pick(connection, ['salesforce', 'oauth', 'flow']) === 'client-credentials'
      ? [instanceUrl]
      : [loginUrl, instanceUrl]
  const urlsBySide = {
    salesforce: [instanceUrl],
    oauth: oauthUrls,
    hubspot: [hubspotUrl],
    webhook: [urlAt(connection, ['notifications', 'webhook', 'url'], '')],
    smtp: [urlAt(connection, ['notifications', 'email', 'smtpUrl'], '')],
  }
  return SECRET_KEYS.map(({ path, sentTo }) => ({ path, urls: urlsBySide[sentTo] }))
}

/** The connections of either form of the file, each with its path prefix. */
function connectionsOf(raw: unknown): Array<{ prefix: ConfigPath; connection: unknown }> {
  const list = pick(raw, ['connections'])
  if (list === undefined) return [{ prefix: [], connection: raw }]
  if (!Array.isArray(list)) return []
  return list.map((connection: unknown, index) => ({ prefix: ['connections', index], connection }))
}

/**
 * Finds secrets written as literal values for non-local URLs. `isLiteral(path)` says whether the string
 * at that path was written in the file rather than substituted from `${NAME}`; `writtenDefault(path)` is
 * the text the file supplies there through `${NAME:-default}` defaults. A default is a literal too, whether
 * or not NAME is set: when it is unset the default is the secret, and when it is set the file in git still
 * holds one.
 */
export function checkSecretSources(
  raw: unknown,
  isLiteral: (path: ConfigPath) => boolean,
  writtenDefault: (path: ConfigPath) => string | undefined = () => undefined,
): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  for (const { prefix, connection } of connectionsOf(raw)) {
    for (const { path, urls } of secretsOf(connection)) {
      const fullPath = [...prefix, ...path]
      if (typeof pick(connection, path) !== 'string') continue
      if (!isLiteral(fullPath) && writtenDefault(fullPath) === undefined) continue
      if (urls.every((url) => isLocalUrl(url))) continue
      issues.push({ code: 'literal-secret', path: fullPath, message: LITERAL_SECRET })
    }
    // The store is a URL, not a secret: only a password written in the file counts, in the value itself or
    // in a default (`${CRMSYNC_STORE:-sqlite:./crmsync.db}` set to a postgres URL with a password is fine).
    const storePath = [...prefix, 'store']
    const storeDefault = writtenDefault(storePath)
    if (
      (hasLiteralPassword(pick(connection, ['store'])) && isLiteral(storePath)) ||
      (storeDefault !== undefined && hasLiteralPassword(storeDefault))
    ) {
      issues.push({ code: 'literal-secret', path: storePath, message: LITERAL_SECRET })
    }
  }
  return issues
}

/** A postgres:// URL carrying a password for a non-local host. */
function hasLiteralPassword(store: unknown): boolean {
  if (typeof store !== 'string' || !/^postgres(ql)?:\/\//.test(store) || !URL.canParse(store)) return false
  return new URL(store).password !== '' && !isLocalUrl(store)
}
