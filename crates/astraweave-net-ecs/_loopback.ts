/**
 * Test helper: clients connected to a server in-process through links with a latency counted in
 * simulation steps, so prediction, reconciliation, loss and interest can be tested step by step
 * and reproducibly (the socket tests cover the real network).
 *
 * @module
 */

import { type ClientOptions, NetClient } from "./client.ts";
import type { NetServer } from "./server.ts";
import type { Transport } from "./transport.ts";

interface InFlight {
  due: number;
  bytes: Uint8Array;
  deliver: (bytes: Uint8Array) => void;
}

/** A server and in-process clients; {@link step} advances the server and delivers what is due. */
export class Loopback<F extends string = string> {
  now = 0;
  readonly #inFlight: InFlight[] = [];

  constructor(readonly server: NetServer<F>, readonly latencySteps: number) {}

  /** Connects a client; it is welcomed after one round trip of steps. */
  connect(options: ClientOptions<F> = {}): NetClient<F> {
    const queue = (deliver: (bytes: Uint8Array) => void): Transport => ({
      send: (bytes) =>
        this.#inFlight.push({ due: this.now + this.latencySteps, bytes: bytes.slice(), deliver }),
      bufferedAmount: 0,
      close: () => {},
    });
    let toServer: (bytes: Uint8Array) => void = () => {};
    const client = new NetClient<F>(queue((bytes) => toServer(bytes)), options);
    const connection = this.server.connect(queue((bytes) => client.receive(bytes)));
    toServer = (bytes) => connection.receive(bytes);
    client.start();
    return client;
  }

  /** Delivers every message due now. */
  deliver(): void {
    for (let i = 0; i < this.#inFlight.length;) {
      const m = this.#inFlight[i];
      if (m.due <= this.now) {
        this.#inFlight.splice(i, 1);
        m.deliver(m.bytes);
      } else i++;
    }
  }

  /** One simulation step of the server (with its network tick when due), then delivery. */
  step(): void {
    this.now++;
    this.server.advance();
    this.deliver();
  }

  /** `n` steps, calling `each` before every one. */
  run(n: number, each?: (step: number) => void): void {
    for (let i = 0; i < n; i++) {
      each?.(i);
      this.step();
    }
  }
}
