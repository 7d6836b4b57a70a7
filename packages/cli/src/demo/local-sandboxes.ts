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
 * Default mappings whose field or property the sandboxes do not have yet (found by `crmsync doctor`):
 * switched off, as a user whose org lacks a field would. The sandboxes' Lead Status values are not options
 * of the portal's hs_lead_status, so that mapping is off too.
 */
const SWITCHED_OFF = [
  '{ hubspot: hs_lead_status, salesforce: { Lead: Status }, rule: none }',
  '{ hubspot: fax, salesforce: Fax, rule: none }',
  '{ hubspot: salutation, salesforce: Salutation, rule: none }',
  '{ hubspot: annualrevenue, salesforce: { Lead: AnnualRevenue }, rule: none }',
  '{ hubspot: numemployees, salesforce: { Lead: NumberOfEmployees }, rule: none }',
  '{ hubspot: rating, salesforce: { Lead: Rating }, rule: none }',
  '{ hubspot: leadsource, salesforce: LeadSource, rule: none }',
  '{ hubspot: description, salesforce: Description, rule: none }',
]

/** A one-connection YAML config pointing at the sandboxes, tokens from the environment. */
export function sandboxConfigYaml(sandboxes: LocalSandboxes, storeUrl: string, id = 'local'): string {
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
    '    mappings:',
    '      contact:',
    ...SWITCHED_OFF.map((entry) => `        - ${entry}`),
    '',
  ].join('\n')
}
