import { z } from 'zod'

import { addNotSupported } from './not-supported.js'
import { ALWAYS, httpUrl, isRecord, secret, yamlBool, yamlInt } from './primitives.js'

/** OAuth flows in the schema (and the docs) that crmsync does not run yet: only client-credentials runs. */
const REFUSED_OAUTH_FLOWS: readonly unknown[] = ['jwt', 'refresh-token', 'password']

/**
 * Why a flow is refused, in the words the runtime uses (create-connection-runtime.ts): jsforce cannot run
 * jwt, refresh-token or password flows unattended in crmsync yet.
 */
export function unsupportedFlowMessage(flow: string): string {
  return `${flow} is not supported yet: use accessToken or client-credentials`
}

const loginUrl = httpUrl
  .default('https://login.salesforce.com')
  .describe(
    'Not supported yet (jwt, refresh-token, password only). OAuth login host. ' +
      '(Default: https://login.salesforce.com; https://test.salesforce.com for sandboxes)',
  )
const clientId = z.string().min(1).describe('Consumer key of the connected app.')
const NOT_YET = 'Not supported yet.'

/** The OAuth flows jsforce supports, each with the keys it needs. */
export const salesforceOAuthSchema = z
  .discriminatedUnion('flow', [
    z.strictObject({
      flow: z
        .literal('jwt')
        .describe(`${NOT_YET} JWT bearer flow: a certificate-signed assertion, no secret exchange.`),
      clientId,
      username: z
        .string()
        .min(1)
        .describe(`${NOT_YET} The integration user the assertion is issued for (jwt).`),
      privateKey: secret.describe(
        `${NOT_YET} PEM private key matching the connected app certificate (jwt). Secret.`,
      ),
      loginUrl,
    }),
    z.strictObject({
      flow: z.literal('refresh-token').describe(`${NOT_YET} Refresh-token flow: a long-lived refresh token.`),
      clientId,
      clientSecret: secret
        .optional()
        .describe('Consumer secret, when the connected app requires one. Secret.'),
      refreshToken: secret.describe(`${NOT_YET} Refresh token of the integration user. Secret.`),
      loginUrl,
    }),
    z.strictObject({
      flow: z.literal('client-credentials').describe('Client-credentials flow against the org My Domain.'),
      clientId,
      clientSecret: secret.describe('Consumer secret. Secret.'),
    }),
    z.strictObject({
      flow: z.literal('password').describe(`${NOT_YET} Username-password flow (discouraged by Salesforce).`),
      clientId,
      clientSecret: secret.describe('Consumer secret. Secret.'),
      username: z.string().min(1).describe('The integration user.'),
      password: secret.describe(`${NOT_YET} Password followed by the security token. Secret.`),
      loginUrl,
    }),
  ])
  .superRefine((value, ctx) => {
    // Checked on the raw value too (ALWAYS), so a jwt block missing its key says the flow is refused first.
    const flow = isRecord(value) ? value['flow'] : undefined
    if (REFUSED_OAUTH_FLOWS.includes(flow))
      addNotSupported(ctx, unsupportedFlowMessage(String(flow)), ['flow'])
  }, ALWAYS)
  .describe('OAuth settings; crmsync obtains and refreshes the access token itself.')

export const salesforceSchema = z
  .strictObject({
    instanceUrl: httpUrl.describe('The org URL, e.g. https://example.my.salesforce.com, or a sandbox URL.'),
    accessToken: secret
      .optional()
      .describe('A session or OAuth access token. Secret. Exactly one of accessToken and oauth.'),
    oauth: salesforceOAuthSchema
      .optional()
      .describe(
        'OAuth settings; crmsync obtains and refreshes the access token itself. Exactly one of accessToken and oauth.',
      ),
    apiVersion: z
      .preprocess(
        // YAML reads an unquoted 59.0 as the number 59.
        (value) => (typeof value === 'number' && Number.isInteger(value) ? `${value}.0` : value),
        z.string().regex(/^\d{2,3}\.0$/, { message: 'must be a REST API version such as "59.0"' }),
      )
      .default('59.0')
      .describe('REST API version. (Default: "59.0")'),
    sandbox: yamlBool
      .default(false)
      .describe(
        'The org is a Salesforce sandbox (true) or production (false); run, sync --once and doctor refuse an ' +
          'org of the other kind (Organization.IsSandbox, B-INST-9). (Default: false)',
      ),
    apiCallAllocation: yamlInt({ min: 1 })
      .optional()
      .describe(
        'Salesforce API calls crmsync may spend per rolling 24 h (B-API-1); never exceeded. Unset: no cap, ' +
          'automatic retries stop after 5,000 calls in 24 h (B-API-2).',
      ),
  })
  .superRefine((value, ctx) => {
    if (!isRecord(value)) return
    if ((value.accessToken === undefined) === (value.oauth === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: value.accessToken === undefined ? ['accessToken'] : ['oauth'],
        message:
          value.accessToken === undefined
            ? 'set either accessToken or oauth'
            : 'set accessToken or oauth, not both',
        params: { code: 'cross-field' },
      })
    }
  }, ALWAYS)
  .describe('The Salesforce org.')

export type SalesforceConfig = z.output<typeof salesforceSchema>
export type SalesforceOAuthConfig = z.output<typeof salesforceOAuthSchema>
