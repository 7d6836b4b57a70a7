// Sync Health through both sandboxes and the official clients: errors Salesforce automation raises, what the
// store's Sync Health read model makes of them, and how they clear (B-ERR-3, B-ERR-8, B-ERR-12).
import { recordSyncStatusOf, syncHealthReport } from '@crmsync/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { createHubSpotContact, hubspotContact, soql } from './scenario-helpers.js'

/** An admin's validation rule: a Lead needs a phone. */
const PHONE_REQUIRED = {
  object: 'Lead',
  name: 'Phone_Required',
  condition: 'Phone = null',
  message: 'Phone required',
  field: 'Phone',
}

const RETRY_EVERY_MS = 30 * 60_000

async function setValidationRules(pair: SandboxPair, rules: unknown[]): Promise<void> {
  const response = await fetch(`${pair.salesforce.instanceUrl}/__sandbox/validation-rules`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  })
  if (!response.ok) throw new Error(`validation rules: ${response.status}`)
}

async function leadsWithEmails(pair: SandboxPair, emails: readonly string[]): Promise<string[]> {
  const list = emails.map((e) => `'${e}'`).join(', ')
  const rows = await soql<{ Email: string }>(pair, `SELECT Email FROM Lead WHERE Email IN (${list})`)
  return rows.map((r) => r.Email).sort()
}

const statusOf = (pair: SandboxPair, hubspotId: string) =>
  recordSyncStatusOf(pair.store, 'scenario', { objectKind: 'contact', side: 'hubspot', recordId: hubspotId })

describe('Salesforce automation refusing writes (B-ERR-3, B-ERR-8, B-ERR-12)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ salesforceSandbox: { validationRules: [PHONE_REQUIRED] } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-ERR-3: a validation rule refusing the Lead insert is a Custom code error with its FIELD_CUSTOM_VALIDATION_EXCEPTION text; no partial record', async () => {
    const id = await createHubSpotContact(pair, { email: 'nophone@x.com', lastname: 'NoPhone', company: 'A' })
    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors).toEqual([expect.objectContaining({ recordId: id, code: 'SF_VALIDATION' })])
    const report = await syncHealthReport(pair.store, 'scenario', { recordId: id })
    expect(report.groups).toEqual([expect.objectContaining({ label: 'Custom code', errors: 1, records: 1 })])
    const [row] = report.rows
    expect(row?.message).toContain('FIELD_CUSTOM_VALIDATION_EXCEPTION')
    expect(row?.message).toContain('Phone required')
    expect(row?.action).toMatch(/Salesforce admin/)
    // Nothing was half-written: no Lead, and the HubSpot contact has no Salesforce id.
    expect(await leadsWithEmails(pair, ['nophone@x.com'])).toEqual([])
    expect((await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid'] ?? null).toBeNull()
  })

  it('B-ERR-8: of 10 new contacts one hits the validation rule: 9 are written, and only that one has an error status', async () => {
    const emails = Array.from({ length: 10 }, (_, i) => `batch${i}@x.com`)
    const ids: string[] = []
    for (const [i, email] of emails.entries())
      ids.push(
        await createHubSpotContact(pair, {
          email,
          lastname: `Batch${i}`,
          company: 'A',
          ...(i === 4 ? {} : { phone: `+1 555 010${i}` }),
        }),
      )
    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors.map((e) => e.recordId)).toEqual([ids[4]])
    expect(await leadsWithEmails(pair, emails)).toEqual(emails.filter((_, i) => i !== 4).sort())
    for (const [i, id] of ids.entries()) {
      const status = await statusOf(pair, id)
      if (i !== 4) expect(status).toEqual({ state: 'synced' })
      else
        expect(status).toMatchObject({
          state: 'error',
          errors: [
            {
              code: 'SF_VALIDATION',
              type: 'custom-code',
              message: expect.stringContaining('Phone required') as unknown,
            },
          ],
        })
    }
  })

  it('B-ERR-12: once the cause is removed, a record in error syncs by itself 30 minutes later, with no manual action', async () => {
    const id = await createHubSpotContact(pair, { email: 'later@x.com', lastname: 'Later', company: 'A' })
    await pair.sync({ allowErrors: true })
    const [stored] = (await syncHealthReport(pair.store, 'scenario', { recordId: id })).rows
    expect(stored).toMatchObject({ code: 'SF_VALIDATION', attempts: 1 })
    expect(stored!.nextRetryAt! - stored!.lastSeenAt).toBe(RETRY_EVERY_MS)
    // The admin relaxes the rule; the contact itself does not change.
    await setValidationRules(pair, [])
    // Before the retry is due, a cycle leaves it alone.
    pair.advanceEngineClock(RETRY_EVERY_MS - 60_000)
    await pair.sync()
    expect(await leadsWithEmails(pair, ['later@x.com'])).toEqual([])
    // 30 minutes after the failure, with API headroom, the scheduled retry syncs it.
    pair.advanceEngineClock(60_000)
    await pair.sync()
    expect(await leadsWithEmails(pair, ['later@x.com'])).toEqual(['later@x.com'])
    expect(await statusOf(pair, id)).toEqual({ state: 'synced' })
    expect((await syncHealthReport(pair.store, 'scenario', { recordId: id })).rows).toEqual([])
    await setValidationRules(pair, [PHONE_REQUIRED])
  })
})
