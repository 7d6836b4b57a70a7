import type { Engine } from '@crmsync/engine'

/**
 * One connection's engine as `crmsync run` holds it: the console's resync runs between the loop's cycles, never
 * beside one, and a saved mapping replaces the engine before the next cycle (the file stays the only source of
 * truth: the new engine is built from the file as written).
 */
export class EngineSlot {
  #engine: Engine
  #tail: Promise<unknown> = Promise.resolve()

  constructor(engine: Engine) {
    this.#engine = engine
  }

  /** The engine now. Use exclusive() to run anything that writes. */
  get current(): Engine {
    return this.#engine
  }

  /** Runs `fn` with the engine once every earlier call has finished; calls run one at a time, in order. */
  exclusive<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
    const run = this.#tail.then(() => fn(this.#engine))
    this.#tail = run.catch(() => undefined)
    return run
  }

  /** Replaces the engine once the call under way (a cycle, a resync) has finished. */
  replace(engine: Engine): Promise<void> {
    return this.exclusive(() => {
      this.#engine = engine
      return Promise.resolve()
    })
  }

  /**
   * An Engine whose every method runs through exclusive(), for the in-process runtime's loop: each cycle takes
   * its turn with the console's calls and uses whichever engine is current when its turn comes.
   */
  asEngine(): Engine {
    return new Proxy({} as Engine, {
      get:
        (_target, key: keyof Engine) =>
        (...args: unknown[]) =>
          this.exclusive((engine) => (engine[key] as (...a: unknown[]) => Promise<unknown>)(...args)),
    })
  }
}
