// Salesforce-shaped errors: REST answers a JSON array of {message, errorCode, fields}.

/** One entry of a Salesforce error array, as a single-record call returns it. */
export interface SfErrorItem {
  message: string
  errorCode: string
  fields?: string[]
}

/** An error with its HTTP status; the app's error handler renders it as a Salesforce error array. */
export class SfError extends Error {
  readonly statusCode: number
  readonly errorCode: string
  readonly fields: string[] | undefined

  constructor(statusCode: number, errorCode: string, message: string, fields?: string[]) {
    super(message)
    this.name = errorCode
    this.statusCode = statusCode
    this.errorCode = errorCode
    this.fields = fields
  }

  toJSON(): SfErrorItem {
    return this.fields === undefined
      ? { message: this.message, errorCode: this.errorCode }
      : { message: this.message, errorCode: this.errorCode, fields: this.fields }
  }
}

/** An error in the shape sObject Collections and SaveResults use (`statusCode`, not `errorCode`). */
export interface SaveError {
  statusCode: string
  message: string
  fields: string[]
}

/** A validation failure of one record during a write; becomes a 400 or a SaveResult error. */
export class RecordError extends Error {
  readonly statusCode: string
  readonly fields: string[]
  readonly httpStatus: number

  constructor(statusCode: string, message: string, fields: string[] = [], httpStatus = 400) {
    super(message)
    this.statusCode = statusCode
    this.fields = fields
    this.httpStatus = httpStatus
  }

  toSaveError(): SaveError {
    return { statusCode: this.statusCode, message: this.message, fields: this.fields }
  }

  toSfError(): SfError {
    return new SfError(this.httpStatus, this.statusCode, this.message, this.fields)
  }
}

export function notFound(): SfError {
  return new SfError(404, 'NOT_FOUND', 'The requested resource does not exist')
}

export function entityIsDeleted(): RecordError {
  return new RecordError('ENTITY_IS_DELETED', 'entity is deleted', [], 404)
}

/** INVALID_FIELD_FOR_INSERT_UPDATE for fields the caller may not write, with Salesforce's wording. */
export function notWritable(fields: string[]): RecordError {
  return new RecordError(
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    fields,
  )
}
