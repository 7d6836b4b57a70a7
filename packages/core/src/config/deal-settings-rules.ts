import type { z } from 'zod'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isOn = (value: unknown): boolean => value === true || value === 'true'

/** The message of the cross-field rule, at settings.deals.sync. */
export const DEALS_NEED_COMPANIES =
  "deal sync needs company sync (a deal's company is its opportunity's account, B-DEAL-15): set settings.companies.sync: true"

/**
 * Deal sync associates deals with companies through the company links (B-DEAL-15), so it is refused without
 * company sync, as crmsync issue #11 asks (the reference lets deals sync without companies and then drops the
 * account, B-DEAL-16; the integration user's permission, B-INST-5, is checked by the engine and doctor) (code `cross-field`, at `settings.deals.sync`). Runs on `settings`, which holds both keys,
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

/** The settings rules of deal sync: it needs company sync. */
export function checkDealSettings(settings: unknown, ctx: z.RefinementCtx): void {
  checkDealsNeedCompanies(settings, ctx)
}
