import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { type RunningSandbox, startSalesforceSandbox } from 'salesforce-sandbox'

/** Both sandboxes listening on 127.0.0.1, for the demo and the operator commands' tests. */
export interface LocalSandboxes {
  readonly salesforce: RunningSandbox
  readonly hubspot: RunningHubSpotSandbox
  close(): Promise<void>
}

/** (Default seed: none, an org and portal with metadata only) */
export async function startLocalSandboxes(seed: 'none' | 'small' = 'none'): Promise<LocalSandboxes> {
  const salesforce = await startSalesforceSandbox({ seed: { kind: seed } })
  const hubspot = await startHubSpotSandbox({ seed }).catch(async (err: unknown) => {
    await salesforce.close()
    throw err
  })
  return {
    salesforce,
    hubspot,
    close: async () => void (await Promise.all([salesforce.close(), hubspot.close()])),
  }
}

/** Environment variables the config below reads its tokens from (secrets only from the environment). */
export function sandboxTokenEnv(sandboxes: LocalSandboxes): Record<string, string> {
  return {
    CRMSYNC_SF_TOKEN: sandboxes.salesforce.accessToken,
    CRMSYNC_HS_TOKEN: sandboxes.hubspot.accessToken,
  }
}

/**
 * The demo's Try-it fields sync both ways (B-MAP-3): under the default prefer-salesforce rule an edit in
 * HubSpot of a field Salesforce has a value for reverts (B-MAP-1), which is correct but not what a first try
 * should show. The console's mapping editor can set them back.
 */
const TRY_IT_MAPPINGS = [
  '        # the demo: these sync both ways, so an edit on either side crosses (B-MAP-3)',
  ...(
    [
      ['firstname', 'FirstName'],
      ['lastname', 'LastName'],
      ['jobtitle', 'Title'],
      ['phone', 'Phone'],
    ] as const
  ).flatMap(([hubspot, salesforce]) => [
    `        - hubspot: ${hubspot}`,
    `          salesforce: ${salesforce}`,
    '          rule: two-way',
  ]),
  '        - hubspot: city',
  '          salesforce:',
  '            Lead: City',
  '            Contact: MailingCity',
  '          rule: two-way',
]

/**
 * A one-connection YAML config pointing at the sandboxes, tokens from the environment; `companies` switches
 * company sync on (the demo's), `tryIt` makes the Try-it page's fields two-way.
 */
export function sandboxConfigYaml(
  sandboxes: LocalSandboxes,
  storeUrl: string,
  id = 'local',
  options: { readonly companies?: boolean; readonly deals?: boolean; readonly tryIt?: boolean } = {},
): string {
  const settings =
    options.companies === true
      ? [
          '    settings:',
          '      companies:',
          '        sync: true',
          ...(options.deals === true ? ['      deals:', '        sync: true'] : []),
        ]
      : []
  return [
    'connections:',
    `  - id: ${id}`,
    '    salesforce:',
    `      instanceUrl: "${sandboxes.salesforce.instanceUrl}"`,
    '      accessToken: "${CRMSYNC_SF_TOKEN}"',
    '    hubspot:',
    `      basePath: "${sandboxes.hubspot.basePath}"`,
    '      accessToken: "${CRMSYNC_HS_TOKEN}"',
    `    store: "${storeUrl}"`,
    ...settings,
    '    mappings:',
    '      contact:',
    '        # every default mapping (B-MAP-9); add or override entries here',
    ...(options.tryIt === true ? TRY_IT_MAPPINGS : []),
    '',
  ].join('\n')
}
