/**
 * Group commit: callers submit items concurrently; items waiting while a write is in flight are
 * written together by the next write, and each caller's promise settles with the write that held
 * its item (resolved once that write succeeded, rejected with its error otherwise).
 *
 * Why: the receiver may acknowledge an event only once it is durably kept, and one storage write
 * per event made the write the ceiling (Azurite ~600-700 writes/s). One write per group keeps the
 * guarantee per event while the number of writes follows the load.
 *
 * No timer: a lone item is written at once, so without concurrency nothing waits. Grouping comes
 * only from items arriving during a write (the classic group-commit loop). A group is capped in
 * items and in cost (bytes), so it always fits one write.
 */

export interface GroupCommitOptions<T> {
  /** The one durable write of a group; resolves only once the whole group is kept. */
  write(group: T[]): Promise<void>;
  cost(item: T): number;
  maxItems: number;
  maxCost: number;
  /**
   * Writes allowed at once (default 1). A further write starts only for a full group: a partial
   * group waits for the write in flight, which is what lets groups form, while a backlog of full
   * groups does not queue behind a single write.
   */
  maxInFlight?: number;
}

interface Waiter<T> {
  item: T;
  cost: number;
  resolve(): void;
  reject(e: unknown): void;
}

export class GroupCommitter<T> {
  private readonly pending: Waiter<T>[] = [];
  private pendingCost = 0;
  private inFlight = 0;
  private readonly maxInFlight: number;

  constructor(private readonly o: GroupCommitOptions<T>) {
    if (o.maxItems < 1 || o.maxCost <= 0) throw new RangeError('A group must be able to hold one item.');
    this.maxInFlight = Math.max(1, o.maxInFlight ?? 1);
  }

  /** Resolves once the write holding this item succeeded; rejects if that write failed. */
  submit(item: T): Promise<void> {
    const cost = this.o.cost(item);
    if (cost > this.o.maxCost) return Promise.reject(new RangeError(`An item of cost ${cost} does not fit a group (${this.o.maxCost}).`));
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, cost, resolve, reject });
      this.pendingCost += cost;
      this.pump();
    });
  }

  /** Items waiting for a write (for tests and diagnostics). */
  get waiting(): number {
    return this.pending.length;
  }

  private pump(): void {
    while (this.pending.length > 0 && (this.inFlight === 0 || (this.inFlight < this.maxInFlight && this.fullGroupWaiting()))) {
      this.start(this.take());
    }
  }

  private fullGroupWaiting(): boolean {
    return this.pending.length >= this.o.maxItems || this.pendingCost >= this.o.maxCost;
  }

  /** The oldest waiting items, in arrival order, up to the caps (always at least one). */
  private take(): Waiter<T>[] {
    let n = 0;
    let cost = 0;
    while (n < this.pending.length && n < this.o.maxItems && (n === 0 || cost + this.pending[n].cost <= this.o.maxCost)) {
      cost += this.pending[n].cost;
      n++;
    }
    this.pendingCost -= cost;
    return this.pending.splice(0, n);
  }

  private start(group: Waiter<T>[]): void {
    this.inFlight++;
    let written: Promise<void>;
    try {
      written = this.o.write(group.map((w) => w.item));
    } catch (e) {
      written = Promise.reject(e);
    }
    written.then(
      () => this.settle(group, (w) => w.resolve()),
      (e: unknown) => this.settle(group, (w) => w.reject(e)),
    );
  }

  private settle(group: Waiter<T>[], each: (w: Waiter<T>) => void): void {
    this.inFlight--;
    for (const w of group) each(w);
    // Whatever arrived during that write is the next group.
    this.pump();
  }
}
