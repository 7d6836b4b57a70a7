// `crmsync doctor`'s setup checks (B-INST-1, 4, 8, 9): the same evaluation the pre-flight of `run` and
// `sync --once` enforces (engine readSetup, core evaluateSetup), printed check by check, and whether the
// integration user changed since the last run with what it lost (read-only: doctor records nothing).
import type { Connection, SalesforceConnector, StateStore } from '@crmsync/core'
import { integrationUserChange, readSetup } from '@crmsync/engine'

import type { CheckResult } from '../format/check-lines.js'
import { describeFailure } from './doctor-hubspot-checks.js'

export interface SetupCheckInput {
  readonly connection: Connection
  readonly store: Pick<StateStore, 'getIdentity'>
  readonly salesforce: Pick<
    SalesforceConnector,
    'identity' | 'readOrganization' | 'readUserPermissions' | 'readObjectPermissions'
  >
}

/** The setup checks; a fatal one is marked in its detail, as `run` would refuse on it. */
export async function setupChecks(input: SetupCheckInput): Promise<CheckResult[]> {
  let report: Awaited<ReturnType<typeof readSetup>>
  try {
    report = await readSetup(input)
  } catch (err) {
    return [
      {
        scope: 'salesforce',
        name: 'org edition and API access',
        ok: false,
        detail: describeFailure(err),
        fix: 'Check the credentials; the setup checks need to read the Organization and the permissions.',
      },
    ]
  }
  const checks: CheckResult[] = report.findings.map((f) => ({
    scope: 'salesforce',
    name: f.name,
    ok: f.ok,
    detail:
      !f.ok && f.fatal ? `${f.detail} (run and sync --once refuse to start: ${f.code ?? ''})` : f.detail,
    fix: f.fix,
  }))
  const change = integrationUserChange(await input.store.getIdentity(input.connection.id), report)
  if (change !== undefined) {
    const lost = change.losses.map((l) => `${l.object}: ${l.lost.join(', ')}`)
    checks.push({
      scope: 'store',
      name: 'integration user',
      ok: true,
      warning: lost.length > 0,
      detail:
        `changed from ${change.previousUserId} to ${change.userId} since the last run; links are kept` +
        (lost.length > 0
          ? `; the new user lacks ${lost.join('; ')}`
          : '; it has every permission the previous one had'),
      fix: 'Give the new integration user at least the object permissions of the previous one (B-INST-8).',
    })
  }
  return checks
}
