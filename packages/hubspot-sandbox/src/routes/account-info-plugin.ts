import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { validationError } from '../http/errors.js'
import { bodyObject, stringList } from '../http/query.js'
import { accountDetailsJson, isKnownTimeZone } from '../model/account.js'

/**
 * Account information (api-surface.md 3.1): `GET /account-info/v3/details`, the portal id, time zone and
 * currency. Its admin twin `GET/PATCH /__sandbox/account` changes the settings while the sandbox runs (a
 * portal's admin can change its time zone at any time).
 */
export const accountInfoPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal, account } = deps
  const details = () => accountDetailsJson(portal.portalId, account, deps.clock.now())

  app.get('/account-info/v3/details', details)

  app.get('/__sandbox/account', details)
  app.patch('/__sandbox/account', (request) => {
    const body = bodyObject(request.body)
    if (body['timeZone'] !== undefined) {
      const timeZone = body['timeZone']
      if (typeof timeZone !== 'string' || !isKnownTimeZone(timeZone))
        throw validationError(`Unknown time zone ${JSON.stringify(timeZone)}`)
      account.timeZone = timeZone
    }
    if (body['companyCurrency'] !== undefined) {
      if (typeof body['companyCurrency'] !== 'string' || !/^[A-Z]{3}$/.test(body['companyCurrency']))
        throw validationError('companyCurrency must be a three-letter ISO 4217 code')
      account.companyCurrency = body['companyCurrency']
    }
    if (body['additionalCurrencies'] !== undefined) {
      const list = stringList(body['additionalCurrencies'])
      if (list === undefined) throw validationError('additionalCurrencies must be a list of codes')
      account.additionalCurrencies = list
    }
    return details()
  })
  done()
}
