import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { bodyObject } from '../http/query.js'
import { patchSettings } from '../model/portal-settings.js'
import { autoAssociateExistingContacts } from '../services/auto-associate-company.js'

/**
 * `GET/PATCH /__sandbox/settings`: the portal settings an admin changes in HubSpot's Settings > Objects
 * (portal-settings.ts). `applyToExistingContacts: true` with the auto-association switch is the dialog's
 * "Yes": existing contacts get their companies too. The answer is always the settings.
 */
export const settingsPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  app.get('/__sandbox/settings', () => portal.settings)
  app.patch('/__sandbox/settings', (request) => {
    const body = bodyObject(request.body)
    patchSettings(portal.settings, body)
    if (body['applyToExistingContacts'] === true && portal.settings.createAndAssociateCompaniesWithContacts)
      autoAssociateExistingContacts(portal)
    return portal.settings
  })
  done()
}
