import type { SfRecord, Table } from '../store/table.js'

/** Remembers what each write replaced, so an allOrNone call (or a failed SOAP operation) can be undone. */
export class Transaction {
  readonly #journal: { table: Table; id: string; previous: SfRecord | undefined }[] = []

  put(table: Table, record: SfRecord): void {
    const id = record['Id'] as string
    this.#journal.push({ table, id, previous: table.get(id) })
    table.put(record)
  }

  /** Restores every touched record, newest write first. */
  rollback(): void {
    for (let i = this.#journal.length - 1; i >= 0; i--) {
      const { table, id, previous } = this.#journal[i]!
      if (previous) table.put(previous)
      else table.remove(id)
    }
    this.#journal.length = 0
  }

  /** Marks a point to roll back to (a failed item inside an allOrNone=false call). */
  mark(): number {
    return this.#journal.length
  }

  rollbackTo(mark: number): void {
    for (let i = this.#journal.length - 1; i >= mark; i--) {
      const { table, id, previous } = this.#journal[i]!
      if (previous) table.put(previous)
      else table.remove(id)
    }
    this.#journal.length = mark
  }
}
