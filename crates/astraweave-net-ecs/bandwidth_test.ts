import assert from "node:assert/strict";
import { BandwidthMeter } from "./bandwidth.ts";

Deno.test("bandwidth: totals, rates, snapshot sizes, compression and bytes per entity", () => {
  const m = new BandwidthMeter(1000);
  m.recordIn(10, 1100);
  m.recordOut(100, 1200);
  m.recordOut(300, 1900);
  m.recordSnapshot({ full: true, rawBytes: 400, wireBytes: 200, entities: 50 });
  m.recordSnapshot({ full: false, rawBytes: 60, wireBytes: 60, entities: 10 });
  m.recordSnapshot({ full: false, rawBytes: 40, wireBytes: 40, entities: 5 });
  m.updatesSkipped += 2;
  const r = m.report(3000);
  assert.equal(r.seconds, 2);
  assert.equal(r.bytesIn, 10);
  assert.equal(r.bytesOut, 400);
  assert.equal(r.messagesOut, 2);
  assert.equal(r.bytesOutPerSec, 200);
  assert.equal(r.bytesInPerSec, 5);
  assert.equal(r.fullSnapshots, 1);
  assert.equal(r.deltaSnapshots, 2);
  assert.equal(r.meanFullBytes, 200);
  assert.equal(r.meanDeltaBytes, 50);
  assert.equal(r.compressionRatio, 500 / 300);
  assert.equal(r.meanBytesPerChangedEntity, 100 / 15);
  assert.equal(r.changedEntities, 15);
  assert.equal(r.updatesSkipped, 2);
});

Deno.test("bandwidth: the recent rate covers the last complete window", () => {
  const m = new BandwidthMeter(0);
  m.recordOut(500, 100);
  m.recordOut(500, 900);
  assert.equal(m.report(999).recentBytesOutPerSec, 0); // no window has closed yet
  m.recordOut(2000, 1000); // closes [0, 1000): 1000 bytes in 1 s
  assert.equal(m.report(1500).recentBytesOutPerSec, 1000);
  assert.equal(m.report(2000).recentBytesOutPerSec, 2000);
  const empty = new BandwidthMeter(0).report(1000);
  assert.equal(empty.compressionRatio, 1);
  assert.equal(empty.meanBytesPerChangedEntity, 0);
});
