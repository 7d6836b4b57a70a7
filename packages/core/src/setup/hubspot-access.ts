// The HubSpot side of the setup checks (B-INST-2): the token's scopes against what the connection syncs, the
// connecting user's account-level admin rights, and the portal the token belongs to. Pure: the connector
// reads the access (HubSpotConnector.readAccess); `crmsync doctor` shows the findings and the start of `run`
// refuses on a fatal one.
import type { HubSpotAccess } from '../ports/hubspot-connector.js'
import type { SetupFinding } from './setup-checks.js'

/** One scope the connection needs: any one of `anyOf` grants it; the first is the name to ask for. */
export interface HubSpotScopeNeed {
  readonly anyOf: readonly [string, ...string[]]
  /** What needs it, for the message. */
  readonly why: string
}

/** The switches the scopes depend on (a structural subset of the connection's settings). */
export interface HubSpotScopeSettings {
  readonly contacts: { readonly inclusionList: string | null }
  readonly companies: { readonly sync: boolean; readonly inclusionList?: string | null | undefined }
  readonly deals: { readonly sync: boolean }
  /** HubSpot activity types sent to Salesforce, and Salesforce kinds copied to HubSpot. (Default: none) */
  readonly activities?:
    | {
        readonly toSalesforce?: readonly string[] | undefined
        readonly fromSalesforce?: readonly string[] | undefined
      }
    | undefined
}

const need = (why: string, ...anyOf: [string, ...string[]]): HubSpotScopeNeed => ({ anyOf, why })

/**
 * Each HubSpot activity type's read scope: engagements go with the contacts scopes (which contacts already
 * need), marketing email events with `content`, sales email events with `sales-email-read`, form
 * submissions with `forms`. Types not listed need nothing beyond the contacts scopes.
 */
const ACTIVITY_SCOPES: Readonly<Record<string, HubSpotScopeNeed>> = {
  form_submission: need('form submissions', 'forms'),
  marketing_email_send: need('marketing email events', 'content'),
  marketing_email_open: need('marketing email events', 'content'),
  marketing_email_click: need('marketing email events', 'content'),
  sales_email_send: need('sales email events', 'sales-email-read'),
  sales_email_open: need('sales email events', 'sales-email-read'),
  sales_email_click: need('sales email events', 'sales-email-read'),
}

/**
 * The scopes the connection needs: contacts always (records, their properties, owners and the opt-out through
 * communication preferences); lists when an inclusion list is set; companies and deals when they sync; the
 * event scopes of the activity types sent to Salesforce. Each scope once.
 */
export function requiredHubSpotScopes(settings: HubSpotScopeSettings): HubSpotScopeNeed[] {
  const needs = [
    need('contacts', 'crm.objects.contacts.read'),
    need('contacts', 'crm.objects.contacts.write'),
    need('contact properties', 'crm.schemas.contacts.read'),
    need('owners', 'crm.objects.owners.read'),
    need('email opt-out', 'communication_preferences.read_write', 'communication_preferences.write'),
  ]
  if (settings.contacts.inclusionList !== null || (settings.companies.inclusionList ?? null) !== null)
    needs.push(need('inclusion lists', 'crm.lists.read'))
  if (settings.companies.sync)
    needs.push(
      need('companies', 'crm.objects.companies.read'),
      need('companies', 'crm.objects.companies.write'),
      need('company properties', 'crm.schemas.companies.read'),
    )
  if (settings.deals.sync)
    needs.push(
      need('deals', 'crm.objects.deals.read'),
      need('deals', 'crm.objects.deals.write'),
      need('deal properties', 'crm.schemas.deals.read'),
    )
  for (const type of settings.activities?.toSalesforce ?? []) {
    const scope = ACTIVITY_SCOPES[type]
    if (scope !== undefined) needs.push(scope)
  }
  const seen = new Set<string>()
  return needs.filter((n) => {
    if (seen.has(n.anyOf[0])) return false
    seen.add(n.anyOf[0])
    return true
  })
}

/** A finding that passed but could not check everything: doctor prints it as a warning. */
export interface HubSpotAccessFinding extends SetupFinding {
  readonly warning?: boolean | undefined
}

const SCOPES_FIX =
  'Add the missing scopes to the private app (HubSpot: Settings > Integrations > Private Apps > the app > ' +
  'Scopes; the token stays the same) or reinstall the OAuth app with them.'

function scopeFinding(access: HubSpotAccess, needs: readonly HubSpotScopeNeed[]): HubSpotAccessFinding {
  const name = 'token scopes'
  if (access.scopes === undefined)
    return {
      name,
      ok: true,
      fatal: false,
      warning: true,
      detail:
        'HubSpot does not report this token’s scopes; a missing one fails its calls with HS_MISSING_SCOPES',
      fix: 'Use a private app or OAuth token, whose scopes HubSpot reports.',
    }
  const granted = new Set(access.scopes)
  const missing = needs.filter((n) => !n.anyOf.some((scope) => granted.has(scope)))
  if (missing.length === 0) return { name, ok: true, fatal: false, detail: `all ${needs.length} needed` }
  return {
    name,
    ok: false,
    fatal: true,
    code: 'HS_MISSING_SCOPES',
    detail: `missing ${missing.map((n) => `${n.anyOf[0]} (${n.why})`).join(', ')}`,
    fix: SCOPES_FIX,
  }
}

function adminFinding(access: HubSpotAccess): HubSpotAccessFinding {
  const name = 'connecting user admin rights'
  const { user } = access
  if (user === undefined)
    return {
      name,
      ok: true,
      fatal: false,
      warning: true,
      detail: 'the token names no user, so account-level admin rights could not be checked',
    }
  const who = user.email ?? `user ${user.id}`
  if (user.superAdmin === undefined)
    return {
      name,
      ok: true,
      fatal: false,
      warning: true,
      detail: `could not read ${who}'s rights (Settings > Users)`,
      fix: 'Add the settings.users.read scope so crmsync can check that the connecting user is a Super Admin.',
    }
  if (user.superAdmin) return { name, ok: true, fatal: false, detail: `${who} is a Super Admin` }
  return {
    name,
    ok: false,
    fatal: true,
    code: 'HS_USER_NOT_ADMIN',
    detail: `${who} has no account-level admin access (not a Super Admin): permission denied to connect`,
    fix:
      'Connect with a token of a HubSpot user who is a Super Admin of the portal (B-INST-2): create the ' +
      'private app as a Super Admin, or have one install the app.',
  }
}

/**
 * The findings: scopes, the user's admin rights and, when `portalId` (hubspot.portalId) is given, the
 * portal. Missing scopes, a user without admin rights and another portal are fatal: nothing may sync.
 */
export function evaluateHubSpotAccess(
  access: HubSpotAccess,
  requirements: { readonly scopes: readonly HubSpotScopeNeed[]; readonly portalId?: string | undefined },
): HubSpotAccessFinding[] {
  const findings = [scopeFinding(access, requirements.scopes), adminFinding(access)]
  const expected = requirements.portalId
  if (expected !== undefined) {
    const same = expected === access.portalId
    findings.push({
      name: 'portal id',
      ok: same,
      fatal: !same,
      ...(same ? {} : { code: 'ENGINE_IDENTITY_CHANGED' as const }),
      detail: same
        ? `portal ${access.portalId}`
        : `the HubSpot token belongs to portal ${access.portalId}, hubspot.portalId says ${expected}`,
      ...(same ? {} : { fix: 'Use a token of the configured portal, or correct hubspot.portalId.' }),
    })
  }
  return findings
}
