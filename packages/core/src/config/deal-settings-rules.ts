import type { z } from 'zod'

import { addNotSupported, isOff, notSupportedYet } from './not-supported.js'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isOn = (value: unknown): boolean => value === true || value === 'true'

/** The message of the cross-field rule, at settings.deals.sync. */
export const DEALS_NEED_COMPANIES =
  'deal sync needs company sync (B-INST-5): set settings.companies.sync: true'

/**
 * Deal sync associates deals with companies through the company links (B-DEAL-15), so it is refused without
 * company sync (code `cross-field`, at `settings.deals.sync`). Runs on `settings`, which holds both keys,
 * possibly half parsed (ALWAYS): it checks shapes.
 */
export function checkDealsNeedCompanies(settings: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(settings)) return
  const deals = settings['deals']
  const companies = settings['companies']
  if (!isRecord(deals) || !isOn(deals['sync'])) return
  if (isRecord(companies) && isOn(companies['sync'])) return
  ctx.addIssue({
    code: 'custom',
    path: ['deals', 'sync'],
    message: DEALS_NEED_COMPANIES,
    params: { code: 'cross-field' },
  })
}

/**
 * The settings rules of deal sync, in the order their problems are listed: the cross-field rule first, since
 * it stays true once deal sync is built, then the refusal of deal sync itself while it is not
 * (not-supported.ts).
 */
export function checkDealSettings(settings: unknown, ctx: z.RefinementCtx): void {
  checkDealsNeedCompanies(settings, ctx)
  const deals = isRecord(settings) ? settings['deals'] : undefined
  if (isRecord(deals) && !isOff(deals['sync']))
    addNotSupported(ctx, notSupportedYet('deal sync', 'remove the key or set it to false'), ['deals', 'sync'])
}
