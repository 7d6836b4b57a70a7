import { z } from 'zod'

import { checkDealSettings } from './deal-settings-rules.js'
import { addNotSupported, isNone, isOff, notSupportedYet, onlyDefault } from './not-supported.js'
import { ALWAYS, hubspotListId, secret, yamlBool, yamlInt } from './primitives.js'

/** HubSpot activity types timeline sync can send to Salesforce as Tasks (B-ACT-2). */
export const ACTIVITIES_TO_SALESFORCE = [
  'form_submission',
  'marketing_email_send',
  'marketing_email_open',
  'marketing_email_click',
  'sales_email_send',
  'sales_email_open',
  'sales_email_click',
  'meeting',
  'call',
  'note',
  'sales_document_view',
  'task',
  'integration_event',
] as const

/** The timeline types crmsync sends today; the rest of ACTIVITIES_TO_SALESFORCE is refused (not-supported.ts). */
export const TIMELINE_TYPES_BUILT = [
  'form_submission',
  'marketing_email_send',
  'marketing_email_open',
  'marketing_email_click',
  'sales_email_send',
  'sales_email_open',
  'sales_email_click',
  'meeting',
  'call',
  'note',
  'task',
] as const satisfies readonly (typeof ACTIVITIES_TO_SALESFORCE)[number][]

/** Salesforce activity kinds that can be copied to HubSpot, each its own switch (B-ACT-5). */
export const ACTIVITIES_FROM_SALESFORCE = ['task', 'email', 'call', 'meeting'] as const

/** A list of distinct values from a fixed set; an activity type has no filter or mapping (B-ACT-3). */
function distinctList<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .array(z.enum(values))
    .superRefine((list, ctx) => {
      if (!Array.isArray(list)) return
      list.forEach((item, index) => {
        if (typeof item === 'string' && list.indexOf(item) !== index) {
          ctx.addIssue({ code: 'custom', path: [index], message: `"${item}" is listed twice` })
        }
      })
    }, ALWAYS)
    .default([])
}

const contactsSchema = z
  .strictObject({
    createInSalesforceAs: z
      .enum(['lead', 'contact'])
      .default('lead')
      .describe(
        'What a new HubSpot contact becomes in Salesforce, for every contact (B-CON-2). (Default: lead)',
      ),
    createInHubSpot: yamlBool
      .default(true)
      .describe('Create HubSpot contacts from new Salesforce leads and contacts (B-CON-3). (Default: true)'),
    inclusionList: hubspotListId
      .nullable()
      .default(null)
      .describe(
        'Id of a DYNAMIC HubSpot list; only members sync HubSpot to Salesforce (B-CON-15/16). ' +
          '(Default: null, every contact)',
      ),
    legacyDefaultInclusion: yamlBool
      .default(false)
      .describe(
        'Migration option for portals integrated before 22 June 2017: with no inclusionList, contacts at ' +
          'lifecycle stage subscriber do not sync HubSpot to Salesforce, as the old default list did ' +
          '(B-CON-21). (Default: false)',
      ),
    deleteInHubSpotWhenDeletedInSalesforce: yamlBool
      .default(false)
      .describe(
        'Delete the linked HubSpot contact when its lead or contact is deleted (B-CON-22). (Default: false)',
      ),
    // No schema default: the core applies DEFAULT_REQUIRED_FIELD_PLACEHOLDER, so it is written once.
    requiredFieldPlaceholder: z
      .string()
      .trim()
      .min(1)
      .max(80, { message: 'must be at most 80 characters (a Lead LastName holds 80)' })
      .optional()
      .describe(
        'What a new or updated Lead LastName and Company, or Contact LastName, gets when the HubSpot ' +
          'contact has no value, since Salesforce requires them; it reads as blank and never reaches ' +
          'HubSpot (design.md 3.3). (Default: [not provided], as HubSpot’s own connector)',
      ),
  })
  .describe('Contacts always sync (B-INST-10); these settings shape how.')

const webhooksSchema = z
  .strictObject({
    clientSecret: secret.describe(
      'Not supported yet. The HubSpot app client secret that signs webhook requests (v3). Secret.',
    ),
    path: z
      .string()
      .regex(/^\/[\w/-]*$/, { message: 'must be a URL path such as /webhooks/hubspot' })
      .default('/webhooks/hubspot')
      .describe('Not supported yet. Path the server receives webhooks on. (Default: /webhooks/hubspot)'),
  })
  .describe('Signed HubSpot webhooks; push capture in addition to polling. Not supported yet.')

const REMOVE_OR_FALSE = 'remove the key or set it to false'

// Push capture is not built yet: its keys are kept so the docs list them and a file
// spelling out the defaults validates, and refused otherwise (not-supported.ts). The engine reads none of them.
export const settingsSchema = z
  .strictObject({
    enabled: yamlBool
      .default(true)
      .describe(
        'Global switch: false pauses all reads and writes and keeps everything else (B-INST-7). (Default: true)',
      ),
    contacts: contactsSchema.prefault({}).describe(contactsSchema.description ?? ''),
    companies: z
      .strictObject({
        sync: yamlBool
          .default(false)
          .describe(
            "Sync HubSpot companies with Salesforce accounts, and contacts' companies with their " +
              'Contact.AccountId (B-CMP-1..15). Switch it on before importing accounts (B-CMP-1). (Default: false)',
          ),
        inclusionList: hubspotListId
          .nullable()
          .default(null)
          .describe(
            'Id of a DYNAMIC HubSpot company list; only members sync HubSpot to Salesforce (B-CMP-15). ' +
              '(Default: null, every company)',
          ),
        reuseAutoCreatedCompany: yamlBool
          .default(false)
          .describe(
            "When a converted lead's new account arrives, link it to the company HubSpot auto-created for the " +
              'contact instead of creating another (B-CMP-13; the reference creates a duplicate). (Default: false)',
          ),
      })
      .prefault({})
      .describe('Company <-> Account sync (B-CMP), off by default.'),
    deals: z
      .strictObject({
        // Deal sync needs company sync (B-DEAL-15): it is checked on settings by checkDealSettings below.
        sync: yamlBool
          .default(false)
          .describe(
            'Sync HubSpot deals with Salesforce opportunities, their contact roles and accounts (B-DEAL-1..20); ' +
              'needs settings.companies.sync: true (B-DEAL-15). Switch it on before importing opportunities ' +
              '(B-DEAL-1). (Default: false)',
          ),
        pipelines: z
          .record(
            z.string().min(1),
            // An unquoted numeric pipeline id is a YAML number.
            z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string().min(1)),
          )
          .default({})
          .describe(
            'Salesforce opportunity record type id -> HubSpot deal pipeline id, instead of the generated ' +
              '"Salesforce - <record type>" pipeline (B-DEAL-2). (Default: {}, generated pipelines)',
          ),
        maxSyncedPipelines: yamlInt({ min: 1, max: 1000 })
          .nullable()
          .default(null)
          .describe(
            'At most this many record types (pipelines) sync; the others are skipped with a warning naming ' +
              'them (B-DEAL-3; HubSpot caps it by Sales Hub tier). (Default: null, no cap)',
          ),
      })
      .prefault({})
      .describe('Deal <-> Opportunity sync (B-DEAL), off by default; needs company sync (B-DEAL-15).'),
    activities: z
      .strictObject({
        toSalesforce: distinctList(ACTIVITIES_TO_SALESFORCE)
          .superRefine((list, ctx) => {
            if (!Array.isArray(list)) return
            const built: readonly string[] = TIMELINE_TYPES_BUILT
            const known: readonly string[] = ACTIVITIES_TO_SALESFORCE
            for (const type of list as unknown[]) {
              if (typeof type !== 'string' || !known.includes(type) || built.includes(type)) continue
              addNotSupported(
                ctx,
                notSupportedYet(`timeline sync of ${type}`, `remove it (built: ${built.join(', ')})`),
              )
            }
          }, ALWAYS)
          .describe(
            "HubSpot activity types written to Salesforce as Tasks on the contact's linked Lead or Contact, " +
              'one Task per activity, every open and click its own (B-ACT-1/2/4), owned by the integration ' +
              `user (B-ACT-7). Built: ${TIMELINE_TYPES_BUILT.join(', ')}; the other types are refused as not ` +
              'supported yet. (Default: [])',
          ),
        fromSalesforce: distinctList(ACTIVITIES_FROM_SALESFORCE).describe(
          'Salesforce activities copied to HubSpot, one switch each (B-ACT-5): task, email and call are Tasks ' +
            'by TaskSubtype, meeting is Events. Created or edited after the switch is turned on; no history ' +
            "(B-ACT-6). Upserted on the engagement's crmsync_salesforce_id, on the contact linked to the " +
            "Task's Lead or Contact; owners are not copied (B-ACT-7). (Default: [])",
        ),
      })
      .prefault({})
      .describe(
        'Activity sync; one switch per type, no filters and no field mappings: any other key is refused ' +
          '(B-ACT-3).',
      ),
    lifecycle: z
      .strictObject({
        automaticTransitions: yamlBool
          .default(true)
          .describe(
            'With deal sync on: move HubSpot contacts forward to opportunity when they are a contact role on ' +
              'an open opportunity, to customer on a Closed Won one; never backwards (B-LCS-2..5). (Default: ' +
              'true, as the reference)',
          ),
      })
      .prefault({})
      .describe('Lifecycle stage automation from opportunity contact roles (B-LCS).'),
    capture: z
      .strictObject({
        pollSeconds: yamlInt({ min: 1, max: 3600 })
          .default(15)
          .describe(
            'Seconds between polls of both sides (the reference polls every 15 minutes). (Default: 15)',
          ),
        suspensionProbeSeconds: yamlInt({ min: 1, max: 86_400 })
          .default(300)
          .describe(
            'While the connection is suspended, seconds between probes of the cause (one light call); the ' +
              'first probe that finds it gone resumes the sync (B-API-4). (Default: 300)',
          ),
        webhooks: onlyDefault(
          webhooksSchema.nullable().default(null),
          isNone,
          'webhook capture',
          'remove the key or set it to null (polling only)',
        ).describe('Not supported yet: only null. HubSpot webhooks. (Default: null, polling only)'),
        changeDataCapture: onlyDefault(
          yamlBool.default(false),
          isOff,
          'Salesforce Change Data Capture',
          REMOVE_OR_FALSE,
        ).describe(
          'Not supported yet: only false. Subscribe to Salesforce Change Data Capture for push capture. ' +
            '(Default: false)',
        ),
      })
      .prefault({})
      .describe('How changes are noticed: polling (webhooks and Change Data Capture are not supported yet).'),
  })
  .superRefine(checkDealSettings, ALWAYS)
  .describe(
    'What syncs and how; every built key has the reference behaviour as its default, keys of features not ' +
      'built yet accept only their off value.',
  )

export type SettingsConfig = z.output<typeof settingsSchema>
