// An email saved as an EmailMessage is logged as a completed Task with TaskSubtype 'Email' (Enhanced
// Email), and the message's ActivityId points to that task. Emails that Einstein Activity Capture keeps
// are not saved this way, so they have no task (the admin API's `/einstein-emails` makes such a message).
import { formatDate } from '../clock.js'
import type { Table } from '../store/table.js'
import { text } from '../text.js'
import type { Writer } from './writer.js'

const DRAFT = '5'

/** Creates the task a new EmailMessage is logged as; drafts are not logged until they are sent. */
export function logEmailTask(writer: Writer, table: Table, emailId: string): void {
  const email = table.get(emailId)!
  if (email['Status'] === DRAFT) return
  const sentAt = typeof email['MessageDate'] === 'number' ? email['MessageDate'] : writer.org.clock.now()
  const relatedTo = text(email['RelatedToId'])
  const taskId = writer.create('Task', {
    Subject: `Email: ${text(email['Subject'])}`.slice(0, 255),
    Description: email['TextBody'] ?? null,
    Status: 'Completed',
    TaskSubtype: 'Email',
    ActivityDate: formatDate(sentAt),
    ...(relatedTo === '' ? {} : { WhatId: relatedTo }),
  })
  writer.systemUpdate(table, table.get(emailId)!, { ActivityId: taskId })
}
