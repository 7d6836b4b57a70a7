// The partner SOAP endpoint: convertLead, merge, getServerTimestamp and login.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

import { convertLead, type LeadConvertInput } from '../dml/convert-lead.js'
import { mergeRecords } from '../dml/merge.js'
import { Writer } from '../dml/writer.js'
import { RecordError, SfError } from '../errors.js'
import { authenticate } from '../hooks.js'
import { editionHasApi } from '../metadata/organization.js'
import { apiEnabledFor } from '../metadata/user-permissions.js'
import { child, childText, envelope, fault, parseXml, toXml, type XmlNode } from '../soap/xml.js'
import type { SandboxState } from '../state.js'
import { text } from '../text.js'
import type { OAuthOptions } from './oauth.js'

function sendXml(reply: FastifyReply, status: number, xml: string): FastifyReply {
  return reply.code(status).type('text/xml; charset=utf-8').send(xml)
}

function failure(err: unknown): Record<string, unknown> {
  if (err instanceof RecordError) {
    return {
      errors: { fields: err.fields, message: err.message, statusCode: err.statusCode },
      success: false,
    }
  }
  if (err instanceof SfError)
    return { errors: { message: err.message, statusCode: err.errorCode }, success: false }
  throw err
}

function bool(text: string | undefined): boolean {
  return text?.toLowerCase() === 'true'
}

function leadConvertInput(node: XmlNode): LeadConvertInput {
  const input: LeadConvertInput = {
    leadId: childText(node, 'leadId') ?? '',
    convertedStatus: childText(node, 'convertedStatus') ?? '',
    doNotCreateOpportunity: bool(childText(node, 'doNotCreateOpportunity')),
  }
  for (const key of ['accountId', 'contactId', 'opportunityName', 'ownerId'] as const) {
    const value = childText(node, key)
    if (value) input[key] = value
  }
  return input
}

const API_DISABLED = ['API_DISABLED_FOR_ORG', 'API is not enabled for this Organization or Partner'] as const

function apiAllowed(state: SandboxState, userId: string): boolean {
  return editionHasApi(state.org.edition) && apiEnabledFor(state.org, userId)
}

export function soapRoutes(app: FastifyInstance, state: SandboxState, oauth: OAuthOptions): void {
  app.post('/services/Soap/u/:version', (request: FastifyRequest, reply) => {
    let doc: XmlNode
    try {
      doc = parseXml(text(request.body))
    } catch (err) {
      return sendXml(reply, 500, fault('INVALID_XML', err instanceof Error ? err.message : 'malformed XML'))
    }
    const operation = child(doc, 'Body')?.children[0]
    if (!operation) return sendXml(reply, 500, fault('INVALID_OPERATION', 'no operation in the SOAP body'))
    if (operation.name === 'login') {
      const username = (childText(operation, 'username') ?? '').toLowerCase()
      const users = state.org.table('User')!
      const userId = [...users.lookup('Username', username)][0]
      const password = childText(operation, 'password')
      // The same credentials as the OAuth password flow: any non-empty password unless one is configured.
      if (
        !userId ||
        users.get(userId)?.['IsActive'] !== true ||
        !password ||
        (oauth.password !== undefined && password !== oauth.password)
      ) {
        const message = 'Invalid username, password, security token; or user locked out.'
        return sendXml(reply, 500, fault('INVALID_LOGIN', message, 'LoginFault'))
      }
      if (!apiAllowed(state, userId)) return sendXml(reply, 500, fault(...API_DISABLED, 'LoginFault'))
      const token = state.issueToken(userId, state.tokenTtlSeconds)
      const origin = `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`
      const { version } = request.params as { version: string }
      const result = {
        metadataServerUrl: `${origin}/services/Soap/m/${version}/${state.org.orgId}`,
        passwordExpired: false,
        sandbox: true,
        serverUrl: `${origin}/services/Soap/u/${version}/${state.org.orgId}`,
        sessionId: token,
        userId,
        userInfo: { organizationId: state.org.orgId, userId, userName: username },
      }
      return sendXml(reply, 200, envelope(toXml('loginResponse', { result })))
    }
    const sessionId = childText(child(child(doc, 'Header'), 'SessionHeader'), 'sessionId')
    const userId = authenticate(state, sessionId)
    if (!userId)
      return sendXml(
        reply,
        500,
        fault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session'),
      )
    // Group Edition, or a user without "API Enabled": the SOAP API is refused as REST is (hooks.ts).
    if (!apiAllowed(state, userId)) return sendXml(reply, 500, fault(...API_DISABLED))
    state.apiUsed++
    // SOAP calls carry no AssignmentRuleHeader from jsforce, so assignment rules never run here.
    const options = { userId, autoAssign: false, lockFault: () => state.faults.lockFor(request.url) }
    const writer = new Writer(state.org, options)
    switch (operation.name) {
      case 'getServerTimestamp':
        return sendXml(
          reply,
          200,
          envelope(
            toXml('getServerTimestampResponse', {
              result: { timestamp: new Date(state.clock.now()).toISOString() },
            }),
          ),
        )
      case 'convertLead': {
        const result = operation.children
          .filter((c) => c.name === 'leadConverts')
          .map((node) => {
            const input = leadConvertInput(node)
            const mark = writer.tx.mark()
            try {
              const r = convertLead(writer, input)
              return {
                accountId: r.accountId,
                contactId: r.contactId,
                leadId: r.leadId,
                opportunityId: r.opportunityId,
                success: true,
              }
            } catch (err) {
              writer.tx.rollbackTo(mark)
              return { ...failure(err), leadId: input.leadId }
            }
          })
        return sendXml(reply, 200, envelope(toXml('convertLeadResponse', { result })))
      }
      case 'merge': {
        const result = operation.children.map((node) => {
          const master = child(node, 'masterRecord')
          const masterFields: Record<string, unknown> = {}
          for (const c of master?.children ?? []) {
            if (!['type', 'Id', 'fieldsToNull'].includes(c.name))
              masterFields[c.name] = c.attributes['xsi:nil'] === 'true' ? null : c.text
          }
          const mark = writer.tx.mark()
          try {
            const r = mergeRecords(writer, {
              type: childText(master, 'type') ?? '',
              masterId: childText(master, 'Id') ?? '',
              masterFields,
              loserIds: node.children.filter((c) => c.name === 'recordToMergeIds').map((c) => c.text.trim()),
            })
            return {
              id: r.id,
              mergedRecordIds: r.mergedRecordIds,
              success: true,
              updatedRelatedIds: r.updatedRelatedIds,
            }
          } catch (err) {
            writer.tx.rollbackTo(mark)
            return failure(err)
          }
        })
        return sendXml(reply, 200, envelope(toXml('mergeResponse', { result })))
      }
      default:
        return sendXml(
          reply,
          500,
          fault('INVALID_OPERATION', `operation ${operation.name} is not supported by the sandbox`),
        )
    }
  })
}
