import { type AssociationType, definedAssociationTypes } from './association-types.js'
import type { ObjectTypeName } from './object-types.js'

/** One edge as stored from one side: the target and the type ids that link them in this direction. */
export interface AssociationEdge {
  readonly toId: number
  readonly typeIds: ReadonlySet<number>
}

/** A change to the edge set, for webhooks and list re-evaluation. */
export interface AssociationChange {
  readonly from: ObjectTypeName
  readonly fromId: number
  readonly to: ObjectTypeName
  readonly toId: number
  readonly typeId: number
  readonly removed: boolean
}

const key = (type: ObjectTypeName, id: number): string => `${type}:${id}`

/** A contact's or deal's primary company (1, 5): at most one per contact or deal. */
const isOnePerRecord = (type: AssociationType): boolean =>
  type.isPrimary && (type.typeId === 1 || type.typeId === 5)

/** The company side of those (2, 6). */
const isPrimaryInverse = (type: AssociationType): boolean =>
  type.isPrimary && (type.typeId === 2 || type.typeId === 6)

/**
 * Associations v4. Every edge is stored in both directions, each with its own type ids, so reading either
 * side costs one Map look-up. Primary types (contact→company 1, deal→company 5) allow one target per record.
 */
export class AssociationStore {
  readonly #edges = new Map<string, Map<ObjectTypeName, Map<number, Set<number>>>>()
  readonly #types = new Map<number, AssociationType>()
  #nextLabelId = 1000

  constructor() {
    for (const type of definedAssociationTypes()) this.#types.set(type.typeId, type)
  }

  type(from: ObjectTypeName, to: ObjectTypeName, typeId: number): AssociationType | undefined {
    const type = this.#types.get(typeId)
    return type !== undefined && type.from === from && type.to === to ? type : undefined
  }

  typeById(typeId: number): AssociationType | undefined {
    return this.#types.get(typeId)
  }

  typesBetween(from: ObjectTypeName, to: ObjectTypeName): AssociationType[] {
    return [...this.#types.values()].filter((type) => type.from === from && type.to === to)
  }

  defaultType(from: ObjectTypeName, to: ObjectTypeName): AssociationType | undefined {
    return this.typesBetween(from, to).find((type) => type.isDefault)
  }

  /** Defines a USER_DEFINED label pair and returns the from→to direction. */
  defineLabel(
    from: ObjectTypeName,
    to: ObjectTypeName,
    label: string,
    inverseLabel?: string,
  ): AssociationType {
    const typeId = this.#nextLabelId++
    const inverseId = from === to && inverseLabel === undefined ? typeId : this.#nextLabelId++
    const base = { category: 'USER_DEFINED', isDefault: false, isPrimary: false } as const
    const forward: AssociationType = { ...base, from, to, typeId, inverseId, label }
    this.#types.set(typeId, forward)
    if (inverseId !== typeId) {
      this.#types.set(inverseId, {
        ...base,
        from: to,
        to: from,
        typeId: inverseId,
        inverseId: typeId,
        label: inverseLabel ?? label,
      })
    }
    return forward
  }

  removeLabel(typeId: number): boolean {
    const type = this.#types.get(typeId)
    if (type?.category !== 'USER_DEFINED') return false
    this.#types.delete(typeId)
    this.#types.delete(type.inverseId)
    return true
  }

  relabel(typeId: number, label: string): boolean {
    const type = this.#types.get(typeId)
    if (type?.category !== 'USER_DEFINED') return false
    this.#types.set(typeId, { ...type, label })
    return true
  }

  /** Edges from one record to one object type, ordered by target id. */
  edges(from: ObjectTypeName, fromId: number, to: ObjectTypeName): AssociationEdge[] {
    const targets = this.#edges.get(key(from, fromId))?.get(to)
    if (targets === undefined) return []
    return [...targets.entries()].sort(([a], [b]) => a - b).map(([toId, typeIds]) => ({ toId, typeIds }))
  }

  /** Adds typed edges (and their inverses); returns the changes made. */
  add(type: AssociationType, fromId: number, toId: number): AssociationChange[] {
    if (isPrimaryInverse(type)) {
      // Company→contact primary (2) is the contact's primary company (1): the rule lives on the contact side.
      const inverse = this.#types.get(type.inverseId)
      if (inverse !== undefined) return this.add(inverse, toId, fromId)
    }
    const changes: AssociationChange[] = []
    if (isOnePerRecord(type)) {
      // One primary company per contact or deal: adding a new primary demotes the old one.
      for (const edge of this.edges(type.from, fromId, type.to)) {
        if (edge.toId !== toId && edge.typeIds.has(type.typeId))
          changes.push(...this.remove(type, fromId, edge.toId))
      }
      const plain = this.defaultType(type.from, type.to)
      if (plain !== undefined) changes.push(...this.add(plain, fromId, toId))
    }
    if (this.#link(type.from, fromId, type.to, toId, type.typeId)) {
      this.#link(type.to, toId, type.from, fromId, type.inverseId)
      changes.push({ from: type.from, fromId, to: type.to, toId, typeId: type.typeId, removed: false })
    }
    return changes
  }

  /** Removes one typed edge (both directions). */
  remove(type: AssociationType, fromId: number, toId: number): AssociationChange[] {
    if (!this.#unlink(type.from, fromId, type.to, toId, type.typeId)) return []
    this.#unlink(type.to, toId, type.from, fromId, type.inverseId)
    return [{ from: type.from, fromId, to: type.to, toId, typeId: type.typeId, removed: true }]
  }

  /** Removes every edge between two records. */
  removeAll(from: ObjectTypeName, fromId: number, to: ObjectTypeName, toId: number): AssociationChange[] {
    const typeIds = this.#edges.get(key(from, fromId))?.get(to)?.get(toId)
    if (typeIds === undefined) return []
    const changes: AssociationChange[] = []
    for (const typeId of [...typeIds]) {
      const type = this.type(from, to, typeId)
      if (type !== undefined) changes.push(...this.remove(type, fromId, toId))
    }
    return changes
  }

  /** Every object type a record has edges to. */
  targetTypes(from: ObjectTypeName, fromId: number): ObjectTypeName[] {
    return [...(this.#edges.get(key(from, fromId))?.keys() ?? [])]
  }

  /**
   * Moves all of `loserId`'s edges to `survivorId` (merge), dropping surplus primaries: a merged contact or
   * deal keeps the survivor's primary company. Returns every change, for the properties that mirror edges.
   */
  moveAll(type: ObjectTypeName, loserId: number, survivorId: number): AssociationChange[] {
    const changes: AssociationChange[] = []
    for (const to of this.targetTypes(type, loserId)) {
      for (const edge of this.edges(type, loserId, to)) {
        for (const typeId of edge.typeIds) {
          const assoc = this.type(type, to, typeId)
          if (assoc === undefined) continue
          changes.push(...this.remove(assoc, loserId, edge.toId))
          const target = to === type && edge.toId === survivorId ? undefined : edge.toId
          if (target === undefined) continue
          // Only the constrained side has "one primary": a company stays primary for any number of contacts.
          const survivorHasPrimary =
            isOnePerRecord(assoc) && this.edges(type, survivorId, to).some((e) => e.typeIds.has(typeId))
          if (!survivorHasPrimary) changes.push(...this.add(assoc, survivorId, target))
        }
      }
    }
    return changes
  }

  clear(): void {
    this.#edges.clear()
  }

  #link(from: ObjectTypeName, fromId: number, to: ObjectTypeName, toId: number, typeId: number): boolean {
    let byType = this.#edges.get(key(from, fromId))
    if (byType === undefined)
      this.#edges.set(key(from, fromId), (byType = new Map<ObjectTypeName, Map<number, Set<number>>>()))
    let targets = byType.get(to)
    if (targets === undefined) byType.set(to, (targets = new Map<number, Set<number>>()))
    let typeIds = targets.get(toId)
    if (typeIds === undefined) targets.set(toId, (typeIds = new Set<number>()))
    if (typeIds.has(typeId)) return false
    typeIds.add(typeId)
    return true
  }

  #unlink(from: ObjectTypeName, fromId: number, to: ObjectTypeName, toId: number, typeId: number): boolean {
    const targets = this.#edges.get(key(from, fromId))?.get(to)
    const typeIds = targets?.get(toId)
    if (typeIds?.delete(typeId) !== true) return false
    if (typeIds.size === 0) targets?.delete(toId)
    return true
  }
}
