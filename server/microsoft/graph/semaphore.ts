// A FIFO counting semaphore. First-come order keeps a multi-permit waiter (a `$batch` holding
// several slots of one mailbox) from being starved by a stream of single-permit requests.

export type Release = () => void;

interface Waiter {
  permits: number;
  grant: () => void;
}

export class Semaphore {
  #available: number;
  readonly #queue: Waiter[] = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new TypeError(`Semaphore capacity must be a positive integer, got ${capacity}`);
    }
    this.#available = capacity;
  }

  /** Permits held right now. */
  get inUse(): number {
    return this.capacity - this.#available;
  }

  /** True when nobody holds or waits for a permit. */
  get idle(): boolean {
    return this.#available === this.capacity && this.#queue.length === 0;
  }

  /** Waits for `permits` (clamped to capacity) and returns the function that gives them back. */
  acquire(permits = 1): Promise<Release> {
    const n = Math.min(Math.max(1, permits), this.capacity);
    return new Promise<Release>((resolve) => {
      this.#queue.push({ permits: n, grant: () => resolve(this.#releaser(n)) });
      this.#drain();
    });
  }

  #releaser(n: number): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#available += n;
      this.#drain();
    };
  }

  #drain(): void {
    for (
      let head = this.#queue[0];
      head && head.permits <= this.#available;
      head = this.#queue[0]
    ) {
      this.#queue.shift();
      this.#available -= head.permits;
      head.grant();
    }
  }
}
