// The clock's pending timers, earliest first. A binary min-heap ordered by (due, seq): `seq`
// is a counter taken when a timer is (re-)armed, so timers due at the same instant fire in
// the order they were scheduled, as the HTML timer task source runs them.
//
// Cancelling is lazy. `live` is the truth (id → timer); the heap may still hold entries for
// cancelled timers, skipped when they reach the top. Example: schedule a(10), b(20), c(30),
// cancel b → live {a, c}, heap [a, b, c]; pop → a; peek discards b and returns c. When dead
// entries outnumber live ones the heap is rebuilt, so cancel-heavy callers (xstate cancels
// every `after` when a state exits) cannot grow it without bound.

/** One scheduled callback. `due` and `seq` change when a periodic timer is re-armed. */
export interface Timer {
  readonly id: number;
  due: number;
  seq: number;
  /** Milliseconds between firings for `every`; undefined for one-shot timers. */
  readonly period: number | undefined;
  readonly fn: () => void;
}

const COMPACT_MIN = 64;

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

/** Pending timers by id, with the earliest one at hand. */
export class TimerQueue {
  private readonly heap: Timer[] = [];
  /** Invariant: every live timer is in `heap` exactly once; cancelled ones leave `live` at once. */
  private readonly live = new Map<number, Timer>();
  /** How many live timers are one-shot; `runUntilIdle` stops when only `every`s remain. */
  private oneShots = 0;

  get size(): number {
    return this.live.size;
  }

  /** Whether any pending timer is one-shot. */
  get hasOneShot(): boolean {
    return this.oneShots > 0;
  }

  push(timer: Timer): void {
    this.live.set(timer.id, timer);
    if (timer.period === undefined) this.oneShots++;
    this.heap.push(timer);
    this.siftUp(this.heap.length - 1);
  }

  /** Forgets the timer with this id; returns whether it was pending. */
  delete(id: number): boolean {
    const timer = this.live.get(id);
    if (timer === undefined) return false;
    this.live.delete(id);
    if (timer.period === undefined) this.oneShots--;
    if (this.heap.length > COMPACT_MIN && this.heap.length > 2 * this.live.size) this.rebuild();
    return true;
  }

  /** The earliest pending timer, left in place. */
  peek(): Timer | undefined {
    this.dropDead();
    return this.heap[0];
  }

  /** Removes and returns the earliest pending timer (it is no longer live). */
  pop(): Timer | undefined {
    this.dropDead();
    const top = this.removeTop();
    if (top !== undefined) {
      this.live.delete(top.id);
      if (top.period === undefined) this.oneShots--;
    }
    return top;
  }

  private dropDead(): void {
    while (this.heap.length > 0 && this.live.get(this.heap[0]!.id) !== this.heap[0]) this.removeTop();
  }

  private removeTop(): Timer | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top !== undefined && last !== undefined && last !== top) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private rebuild(): void {
    this.heap.length = 0;
    for (const timer of this.live.values()) this.heap.push(timer);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && before(heap[right]!, heap[least]!)) least = right;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  }
}
