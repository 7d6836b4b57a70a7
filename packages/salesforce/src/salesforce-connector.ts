// The SalesforceConnector port over jsforce: composes the concern files; holds no logic of its own.
import type {
  ContactSalesforceType,
  RetryTable,
  SalesforceAccountCapturePage,
  SalesforceAccountContact,
  SalesforceAccountRecord,
  SalesforceActivityRecord,
  SalesforceApiUsage,
  SalesforceCallGuard,
  SalesforceCandidate,
  SalesforceCapturePage,
  SalesforceConnector,
  SalesforceContactCapturePage,
  SalesforceContactRecord,
  SalesforceContactRole,
  SalesforceContactRoleCapturePage,
  SalesforceDoctorCheck,
  SalesforceDoctorOptions,
  SalesforceIdentity,
  SalesforceObjectDescription,
  SalesforceObjectPermissions,
  SalesforceOpportunityCapturePage,
  SalesforceOpportunityRecord,
  SalesforceOpportunityStage,
  SalesforceOrganization,
  SalesforceOwner,
  SalesforceQueue,
  SalesforceRecordType,
  SalesforceUserPermissions,
  SalesforceWriteBatch,
  SalesforceWriteResults,
  SyncErrorCode,
} from '@crmsync/core'
import type { Connection } from 'jsforce'

import {
  captureActivities,
  createActivityKeyField,
  findTasksByActivityKey,
  readActivities,
} from './activity-tasks.js'
import { type ApiCallListener, ApiMeter } from './api-meter.js'
import { captureAccounts, captureChanges, type CaptureSettings } from './capture.js'
import type { SalesforceCaptureShare } from './capture-share.js'
import { runDoctor } from './doctor.js'
import { createExternalIdField } from './external-id-field.js'
import {
  captureContactRoles,
  captureOpportunities,
  listOpportunityIds,
  readContactRoles,
  readOpportunityRecordTypes,
  readOpportunityStages,
  retrieveOpportunities,
} from './opportunities.js'
import { readObjectPermissions, readOrganization } from './org-access.js'
import { DescribeCache, hasPersonAccountFlag, listQueues, listUsers, readIdentity } from './org-metadata.js'
import {
  findContactsByAccount,
  findContactsByEmail,
  listAccountIds,
  listIds,
  retrieveAccounts,
  retrieveContacts,
} from './read.js'
import { SalesforceHttp } from './salesforce-http.js'
import { readUserPermissions } from './user-permissions.js'
import { writeRecords } from './write.js'

/** The external-id field on Lead, Contact and Account that holds `portalId:objectId` (design.md 3.4 step 3). */
export const DEFAULT_EXTERNAL_ID_FIELD = 'HubSpot_Id__c'
/** Salesforce calls time out after 10 minutes (B-API-5), so no transaction stays open longer. */
export const DEFAULT_TRANSACTION_ALLOWANCE_MS = 600_000

export interface SalesforceConnectorOptions {
  /** An authorized jsforce Connection (see connectSalesforce). */
  readonly connection: Connection
  /** (Default: DEFAULT_EXTERNAL_ID_FIELD) */
  readonly externalIdField?: string | undefined
  /** How far the capture watermark stays behind server time, in ms. (Default: 600,000) */
  readonly transactionAllowanceMs?: number | undefined
  /** Bound the watermark by latestDateCovered of /updated, read again once the clock bound passes it. (Default: true) */
  readonly replicationHorizon?: boolean | undefined
  /**
   * In-run retries per error code, for tests only: build it with core's `compileRetryTable(overrides)`.
   * (Default: the core's built-in table, docs/errors.md "Retries")
   */
  readonly retryTable?: RetryTable | undefined
  /** Waits between retries. (Default: setTimeout) */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined
  /** Abort a call without a response after this many ms; it is then retried. (Default: 600,000) */
  readonly requestTimeoutMs?: number | undefined
  /** Asked before every in-run retry; false fails at once (B-API-2: above 75 % of the allocation). (Default: yes) */
  readonly mayRetry?: ((code: SyncErrorCode) => boolean) | undefined
  /** Called once per HTTP call with the operation name. (Default: none) */
  readonly onApiCall?: ApiCallListener | undefined
  /**
   * Capture pages shared with the other connections on the same org (capture-share.ts): a range another
   * connection's page holds costs no call. (Default: none, every capture page is read)
   */
  readonly captureShare?: SalesforceCaptureShare | undefined
}

export function createSalesforceConnector(options: SalesforceConnectorOptions): SalesforceConnector {
  return new JsforceSalesforceConnector(options)
}

class JsforceSalesforceConnector implements SalesforceConnector {
  readonly #meter: ApiMeter
  readonly #http: SalesforceHttp
  readonly #describe: DescribeCache
  readonly #externalIdField: string
  readonly #capture: CaptureSettings
  #identity: Promise<SalesforceIdentity> | undefined

  constructor(options: SalesforceConnectorOptions) {
    this.#meter = new ApiMeter(options.onApiCall)
    this.#http = new SalesforceHttp({
      connection: options.connection,
      meter: this.#meter,
      retryTable: options.retryTable,
      sleep: options.sleep,
      requestTimeoutMs: options.requestTimeoutMs,
      mayRetry: options.mayRetry,
    })
    this.#describe = new DescribeCache(this.#http)
    this.#externalIdField = options.externalIdField ?? DEFAULT_EXTERNAL_ID_FIELD
    this.#capture = {
      transactionAllowanceMs: options.transactionAllowanceMs ?? DEFAULT_TRANSACTION_ALLOWANCE_MS,
      replicationHorizon: options.replicationHorizon ?? true,
      share: options.captureShare,
    }
  }

  async captureChanges(
    type: ContactSalesforceType,
    cursor: string | undefined,
    fields: readonly string[],
  ): Promise<SalesforceContactCapturePage> {
    const person = await this.#personContactFlag(type)
    return captureChanges(this.#http, this.#capture, type, cursor, fields, person)
  }

  async retrieve(
    type: ContactSalesforceType,
    ids: readonly string[],
    fields: readonly string[],
  ): Promise<ReadonlyMap<string, SalesforceContactRecord>> {
    return retrieveContacts(this.#http, type, ids, fields, await this.#personContactFlag(type))
  }

  /**
   * Whether Contacts of this org carry `IsPersonAccount`: asked of the Contact describe, which the engine has
   * cached already (it resolves the mappings against it), so contact capture costs no call for it. Leads
   * never ask.
   */
  async #personContactFlag(type: ContactSalesforceType): Promise<boolean> {
    return type === 'Contact' && (await hasPersonAccountFlag(this.#describe, 'Contact'))
  }

  async captureAccounts(
    cursor: string | undefined,
    fields: readonly string[],
  ): Promise<SalesforceAccountCapturePage> {
    return captureAccounts(this.#http, this.#capture, cursor, fields, await this.hasPersonAccounts())
  }

  async retrieveAccounts(
    ids: readonly string[],
    fields: readonly string[],
  ): Promise<ReadonlyMap<string, SalesforceAccountRecord>> {
    return retrieveAccounts(this.#http, ids, fields, await this.hasPersonAccounts())
  }

  async findContactsByAccount(accountIds: readonly string[]): Promise<readonly SalesforceAccountContact[]> {
    if (accountIds.length === 0) return []
    // The filter is on Contact's own IsPersonAccount, so the Contact describe says whether it exists.
    const person = await hasPersonAccountFlag(this.#describe, 'Contact')
    return findContactsByAccount(this.#http, accountIds, person)
  }

  listAccountIds(): AsyncIterable<readonly string[]> {
    return listAccountIds(this.#http)
  }

  /** One Account describe, cached with the other describes for the connector's lifetime. */
  hasPersonAccounts(): Promise<boolean> {
    return hasPersonAccountFlag(this.#describe, 'Account')
  }

  async captureOpportunities(
    cursor: string | undefined,
    fields: readonly string[],
  ): Promise<SalesforceOpportunityCapturePage> {
    return captureOpportunities(
      this.#http,
      this.#capture,
      cursor,
      fields,
      await this.#opportunityRecordTypes(),
    )
  }

  async retrieveOpportunities(
    ids: readonly string[],
    fields: readonly string[],
  ): Promise<ReadonlyMap<string, SalesforceOpportunityRecord>> {
    return retrieveOpportunities(this.#http, ids, fields, await this.#opportunityRecordTypes())
  }

  listOpportunityIds(): AsyncIterable<readonly string[]> {
    return listOpportunityIds(this.#http)
  }

  captureContactRoles(cursor: string | undefined): Promise<SalesforceContactRoleCapturePage> {
    return captureContactRoles(this.#http, this.#capture, cursor)
  }

  readContactRoles(opportunityIds: readonly string[]): Promise<readonly SalesforceContactRole[]> {
    if (opportunityIds.length === 0) return Promise.resolve([])
    return readContactRoles(this.#http, opportunityIds)
  }

  readOpportunityRecordTypes(): Promise<readonly SalesforceRecordType[]> {
    return readOpportunityRecordTypes(this.#http)
  }

  readOpportunityStages(): Promise<readonly SalesforceOpportunityStage[]> {
    return readOpportunityStages(this.#http)
  }

  readUserPermissions(): Promise<SalesforceUserPermissions> {
    return readUserPermissions(this.#http)
  }

  async createExternalIdField(type: string, field: string): Promise<void> {
    await createExternalIdField(this.#http, type, field)
    this.#describe.invalidate(type)
  }

  readOrganization(): Promise<SalesforceOrganization> {
    return readOrganization(this.#http)
  }

  async readObjectPermissions(
    types: readonly string[],
  ): Promise<ReadonlyMap<string, SalesforceObjectPermissions>> {
    const { userId } = await this.identity()
    return readObjectPermissions(this.#http, userId, types)
  }

  /** Whether Opportunity has RecordTypeId (only orgs with record types do): from the cached describe. */
  async #opportunityRecordTypes(): Promise<boolean> {
    const description = await this.#describe.get('Opportunity')
    return description.fields.has('RecordTypeId')
  }

  findContactsByEmail(
    emails: readonly string[],
  ): Promise<ReadonlyMap<string, readonly SalesforceCandidate[]>> {
    return findContactsByEmail(this.#http, emails)
  }

  listIds(type: ContactSalesforceType): AsyncIterable<readonly string[]> {
    return listIds(this.#http, type)
  }

  captureActivities(
    object: 'Task' | 'Event',
    cursor: string | undefined,
  ): Promise<SalesforceCapturePage<SalesforceActivityRecord>> {
    return captureActivities(this.#http, this.#capture, object, cursor)
  }

  readActivities(
    object: 'Task' | 'Event',
    ids: readonly string[],
  ): Promise<readonly SalesforceActivityRecord[]> {
    if (ids.length === 0) return Promise.resolve([])
    return readActivities(this.#http, object, ids)
  }

  async createActivityKeyField(): Promise<void> {
    await createActivityKeyField(this.#http)
    // An Activity field shows on both; doctor's check after --fix must see it.
    this.#describe.invalidate('Task')
    this.#describe.invalidate('Event')
  }

  findTasksByActivityKey(keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    if (keys.length === 0) return Promise.resolve(new Map())
    return findTasksByActivityKey(this.#http, keys)
  }

  write(batch: SalesforceWriteBatch): Promise<SalesforceWriteResults> {
    // The org changes: pages kept for the other connections on it no longer show it as it is.
    this.#capture.share?.orgWritten()
    return writeRecords(this.#http, this.#externalIdField, batch)
  }

  listUsers(): Promise<readonly SalesforceOwner[]> {
    return listUsers(this.#http)
  }

  listQueues(): Promise<readonly SalesforceQueue[]> {
    return listQueues(this.#http)
  }

  /** Read once per connector; a failure is not cached. */
  identity(): Promise<SalesforceIdentity> {
    if (this.#identity === undefined) {
      const pending = readIdentity(this.#http)
      pending.catch(() => (this.#identity = undefined))
      this.#identity = pending
    }
    return this.#identity
  }

  describe(type: string): Promise<SalesforceObjectDescription> {
    return this.#describe.get(type)
  }

  apiUsage(): SalesforceApiUsage {
    return this.#meter.snapshot()
  }

  setCallGuard(guard: SalesforceCallGuard | undefined): void {
    this.#http.setGuard(guard)
  }

  doctor(options?: SalesforceDoctorOptions): Promise<readonly SalesforceDoctorCheck[]> {
    return runDoctor(this.#http, this.#describe, this.#externalIdField, options)
  }
}
