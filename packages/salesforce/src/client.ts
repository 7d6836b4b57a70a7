// jsforce wiring: a Connection from credentials the CLI passes in (libraries read no environment).
import { Connection } from 'jsforce'

/** API version sent on every call; jsforce's own default (50.0) is too old. */
export const DEFAULT_API_VERSION = '62.0'

/** `Sforce-Call-Options: client=crmsync`: the org records it, so the engine can recognise its own writes. */
export const CALL_OPTIONS_CLIENT = 'crmsync'

export type SalesforceCredentials =
  | {
      /** A token issued elsewhere; no refresh: a 401 surfaces as SF_SESSION_EXPIRED. */
      readonly kind: 'access-token'
      readonly instanceUrl: string
      readonly accessToken: string
    }
  | {
      /** OAuth client-credentials flow; jsforce re-runs it on 401. */
      readonly kind: 'client-credentials'
      /** Where `/services/oauth2/token` lives, e.g. `https://login.salesforce.com` or the My Domain URL. */
      readonly loginUrl: string
      readonly clientId: string
      readonly clientSecret: string
    }

export interface ConnectOptions {
  /** (Default: DEFAULT_API_VERSION) */
  readonly version?: string | undefined
  /** The `client` call option. (Default: CALL_OPTIONS_CLIENT) */
  readonly client?: string | undefined
}

/** Builds and, for client credentials, authorizes a jsforce Connection. */
export async function connectSalesforce(
  credentials: SalesforceCredentials,
  options: ConnectOptions = {},
): Promise<Connection> {
  const version = options.version ?? DEFAULT_API_VERSION
  const callOptions = { client: options.client ?? CALL_OPTIONS_CLIENT }
  if (credentials.kind === 'access-token') {
    return new Connection({
      version,
      instanceUrl: credentials.instanceUrl,
      accessToken: credentials.accessToken,
      callOptions,
    })
  }
  const conn: Connection = new Connection({
    version,
    callOptions,
    oauth2: {
      loginUrl: credentials.loginUrl,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
    },
    // Client credentials have no refresh token: on 401 the flow simply runs again.
    refreshFn: (c, callback) => {
      c.oauth2.requestToken({ grant_type: 'client_credentials' }).then(
        (res) => {
          callback(null, res.access_token, res)
        },
        (err: Error) => {
          callback(err)
        },
      )
    },
  })
  await conn.authorize({ grant_type: 'client_credentials' })
  return conn
}
