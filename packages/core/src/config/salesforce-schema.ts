import { z } from 'zod'

import { ALWAYS, httpUrl, isRecord, secret, yamlInt } from './primitives.js'

const loginUrl = httpUrl
  .default('https://login.salesforce.com')
  .describe(
    'OAuth login host. (Default: https://login.salesforce.com; https://test.salesforce.com for sandboxes)',
  )
const clientId = z.string().min(1).describe('Consumer key of the connected app.')

/** The OAuth flows jsforce supports, each with the keys it needs. */
export const salesforceOAuthSchema = z
  .discriminatedUnion('flow', [
    z.strictObject({
      flow: z.literal('jwt').describe('JWT bearer flow: a certificate-signed assertion, no secret exchange.'),
      clientId,
      username: z.string().min(1).describe('The integration user the assertion is issued for.'),
      privateKey: secret.describe('PEM private key matching the connected app certificate. Secret.'),
      loginUrl,
    }),
    z.strictObject({
      flow: z.literal('refresh-token').describe('Refresh-token flow: a long-lived refresh token.'),
      clientId,
      clientSecret: secret
        .optional()
        .describe('Consumer secret, when the connected app requires one. Secret.'),
      refreshToken: secret.describe('Refresh token of the integration user. Secret.'),
      loginUrl,
    }),
    z.strictObject({
      flow: z.literal('client-credentials').describe('Client-credentials flow against the org My Domain.'),
      clientId,
      clientSecret: secret.describe('Consumer secret. Secret.'),
    }),
    z.strictObject({
      flow: z.literal('password').describe('Username-password flow (discouraged by Salesforce).'),
      clientId,
      clientSecret: secret.describe('Consumer secret. Secret.'),
      username: z.string().min(1).describe('The integration user.'),
      password: secret.describe('Password followed by the security token. Secret.'),
      loginUrl,
    }),
  ])
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
