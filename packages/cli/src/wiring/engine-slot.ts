import type { Connection } from '@crmsync/core'
import type { Engine } from '@crmsync/engine'

/**
 * One connection's engine as `crmsync run` holds it: the console's resync runs between the loop's cycles, never
 * beside one, and a saved mapping replaces the engine before the next cycle (the file stays the only source of
 * truth: the new engine is built from the file as written).
 */
export class EngineSlot {
  #engine: Engine
  #connection: Connection | undefined
  #tail: Promise<unknown> = Promise.resolve()

  /** `connection`: the configuration `engine` was built from, when the caller knows it. */
  constructor(engine: Engine, connection?: Connection) {
    this.#engine = engine
    this.#connection = connection
  }

  /** The engine now. Use exclusive() to run anything that writes. */
  get current(): Engine {
    return this.#engine
  }

  /**
   * The configuration the current engine was built from (as given to the constructor or to replace()), e.g. for
   * the loop's settings.capture.pollSeconds; undefined when never given.
   */
  get connection(): Connection | undefined {
    return this.#connection
  }

  /** Runs `fn` with the engine once every earlier call has finished; calls run one at a time, in order. */
  exclusive<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
    const run = this.#tail.then(() => fn(this.#engine))
    this.#tail = run.catch(() => undefined)
    return run
  }

  /**
   * Replaces the engine once the call under way (a cycle, a resync) has finished; with `connection`, the
   * configuration it was built from. (Default `connection`: kept)
   */
  replace(engine: Engine, connection?: Connection): Promise<void> {
    return this.exclusive(() => {
      this.#engine = engine
      if (connection !== undefined) this.#connection = connection
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
