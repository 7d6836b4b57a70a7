import { z } from 'zod'

import { httpUrl, secret, yamlInt } from './primitives.js'

export const hubspotSchema = z
  .strictObject({
    accessToken: secret.describe('Private app or OAuth access token. Secret.'),
    basePath: httpUrl
      .default('https://api.hubapi.com')
      .describe('API base URL. (Default: https://api.hubapi.com; a sandbox URL in tests)'),
    portalId: yamlInt({ min: 1 })
      .optional()
      .describe('Expected portal (hub) id; crmsync refuses to start if the token belongs to another portal.'),
  })
  .describe('The HubSpot portal.')

export type HubSpotConfig = z.output<typeof hubspotSchema>
