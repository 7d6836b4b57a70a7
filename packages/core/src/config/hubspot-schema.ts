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
    searchIndexLagSeconds: yamlInt({ min: 0, max: 60 })
      .default(5)
      .describe(
        'How far HubSpot search trails writes, in seconds. Capture returns a change as soon as search shows ' +
          'it; a settle pass reads this span once more for contacts indexed late, and `sync --once` waits ' +
          'until this long after its start before its last read, so a change made just before it is ' +
          'included. (Default: 5)',
      ),
  })
  .describe('The HubSpot portal.')

export type HubSpotConfig = z.output<typeof hubspotSchema>
