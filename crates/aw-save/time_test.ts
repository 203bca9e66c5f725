import assert from "node:assert/strict";
import {
  compareDateTime,
  dateTimeFromDate,
  dateTimeNow,
  dateTimeToDate,
  formatRfc3339,
  formatTimeText,
  type OffsetDateTime,
  parseRfc3339,
  parseTimeText,
} from "./mod.ts";
import { offsetDateTimeSchema } from "./bundle.ts";
import { epochSeconds, monthDay, normalizeOffset } from "./time.ts";
import { mulberry32 } from "@astraweave/testing/random";

const utc = (year: number, ordinal: number, nanosecond = 0): OffsetDateTime => ({
  year,
  ordinal,
  hour: 8,
  minute: 45,
  second: 25,
  nanosecond,
  offsetHours: 0,
  offsetMinutes: 0,
  offsetSeconds: 0,
});

Deno.test("time text: the Rust index's created_at values, both ways", () => {
  for (
    const [text, nanos] of [
      ["2026-03-13 08:45:25.4431216 +00:00:00", 443_121_600],
      ["2026-03-13 08:45:25.4639993 +00:00:00", 463_999_300],
      ["2026-03-13 08:45:25.0 +00:00:00", 0],
      ["2026-03-13 08:45:25.000000001 +00:00:00", 1],
    ] as const
  ) {
    const value = parseTimeText(text);
    assert.deepEqual(value, utc(2026, 72, nanos));
    assert.equal(formatTimeText(value), text);
  }
  // Offsets: sign on the hour, absolute minutes and seconds; minutes and seconds may be omitted.
  const east = parseTimeText("2026-03-13 10:15:25.5 +01:30:00");
  assert.equal(east.offsetHours, 1);
  assert.equal(east.offsetMinutes, 30);
  const west = parseTimeText("2026-03-13 08:45:25.5 -00:30:15");
  assert.deepEqual([west.offsetHours, west.offsetMinutes, west.offsetSeconds], [0, -30, -15]);
  assert.equal(formatTimeText(west), "2026-03-13 08:45:25.5 -00:30:15");
  assert.equal(
    formatTimeText(parseTimeText("2026-03-13 08:45:25.5 +05")),
    "2026-03-13 08:45:25.5 +05:00:00",
  );
  for (
    const bad of [
      "2026-03-13T08:45:25.5 +00:00:00",
      "2026-03-13 08:45:25 +00:00:00",
      "2026-02-30 08:45:25.5 +00:00:00",
    ]
  ) {
    assert.throws(() => parseTimeText(bad), RangeError, bad);
  }
});

Deno.test("RFC 3339: nine fraction digits out, any precision and offset in", () => {
  assert.equal(formatRfc3339(utc(2026, 72, 443_121_600)), "2026-03-13T08:45:25.443121600Z");
  assert.deepEqual(parseRfc3339("2026-03-13T08:45:25.4431216Z"), utc(2026, 72, 443_121_600));
  assert.deepEqual(parseRfc3339("2026-03-13t08:45:25z"), utc(2026, 72));
  const v = parseRfc3339("2024-12-31T23:59:59.999999999-05:30");
  assert.equal(v.ordinal, 366); // 2024 is a leap year
  assert.deepEqual([v.offsetHours, v.offsetMinutes], [-5, -30]);
  assert.equal(formatRfc3339(v), "2024-12-31T23:59:59.999999999-05:30");
  // Seconds in an offset (not RFC 3339) survive a round trip.
  const odd = { ...utc(2026, 72), offsetHours: 1, offsetMinutes: 2, offsetSeconds: 3 };
  assert.equal(formatRfc3339(odd), "2026-03-13T08:45:25.000000000+01:02:03");
  assert.deepEqual(parseRfc3339(formatRfc3339(odd)), odd);
  for (
    const bad of [
      "2026-03-13",
      "2026-13-01T00:00:00Z",
      "2026-03-13T24:00:00Z",
      "2026-03-13T08:45:25.1234567890Z",
      "2026-03-13T08:45:25+0100",
    ]
  ) {
    assert.throws(() => parseRfc3339(bad), RangeError, bad);
  }
});

Deno.test("calendar: ordinal days, leap years, and the epoch agree with Date", () => {
  assert.deepEqual(monthDay(2024, 60), { month: 2, day: 29 });
  assert.deepEqual(monthDay(2023, 60), { month: 3, day: 1 });
  assert.deepEqual(monthDay(2000, 366), { month: 12, day: 31 });
  assert.deepEqual(monthDay(1900, 365), { month: 12, day: 31 });
  const random = mulberry32(99);
  for (let i = 0; i < 2000; i++) {
    // Any millisecond from year 1 to 9999 (Date's proleptic Gregorian calendar, as time uses).
    const ms = Math.floor(-62135596800000 + random() * (253402300799999 + 62135596800000));
    const date = new Date(ms);
    const value = dateTimeFromDate(date);
    assert.equal(
      formatRfc3339(value).slice(0, 23),
      date.toISOString().slice(0, 23),
      date.toISOString(),
    );
    assert.equal(dateTimeToDate(value).getTime(), ms);
    assert.equal(epochSeconds(value), Math.floor(ms / 1000));
  }
});

Deno.test("compareDateTime orders instants across offsets", () => {
  const a = parseRfc3339("2026-03-13T08:45:25Z");
  assert.equal(compareDateTime(a, parseRfc3339("2026-03-13T10:45:25+02:00")), 0);
  assert.ok(compareDateTime(a, parseRfc3339("2026-03-13T08:45:25.000000001Z")) < 0);
  assert.ok(compareDateTime(a, parseRfc3339("2026-03-13T09:45:24+01:00")) > 0);
});

Deno.test("dateTimeNow is UTC, close to Date.now, and strictly increasing", () => {
  const before = Date.now();
  const values = Array.from({ length: 2000 }, dateTimeNow);
  const after = Date.now();
  for (let i = 1; i < values.length; i++) assert.ok(compareDateTime(values[i - 1], values[i]) < 0);
  const first = dateTimeToDate(values[0]).getTime();
  assert.ok(first >= before - 1 && first <= after, `${first} not in ${before}..${after}`);
  assert.equal(values[0].offsetHours, 0);
});

Deno.test("offsets normalize their signs as time::UtcOffset::from_hms does", () => {
  const n = (h: number, m: number, s: number) => {
    const v = normalizeOffset({
      ...utc(2026, 1),
      offsetHours: h,
      offsetMinutes: m,
      offsetSeconds: s,
    });
    return [v.offsetHours, v.offsetMinutes, v.offsetSeconds];
  };
  assert.deepEqual(n(-1, 30, 15), [-1, -30, -15]);
  assert.deepEqual(n(1, -30, -15), [1, 30, 15]);
  assert.deepEqual(n(0, -30, 15), [0, -30, -15]);
  assert.deepEqual(n(0, 0, -15), [0, 0, -15]);
  // The postcard schema decodes with the same normalization.
  const bytes = offsetDateTimeSchema.encode({
    ...utc(2026, 1),
    offsetHours: 0,
    offsetMinutes: -30,
    offsetSeconds: -15,
  });
  bytes[bytes.length - 1] = 15; // +15 seconds with -30 minutes
  const decoded = offsetDateTimeSchema.decode(bytes);
  assert.deepEqual([decoded.offsetMinutes, decoded.offsetSeconds], [-30, -15]);
});

Deno.test("the postcard OffsetDateTime checks ranges as time does", () => {
  const good = offsetDateTimeSchema.encode(utc(2026, 72));
  // Year 2026 zigzag varint is two bytes (d4 1f), ordinal 72 one byte (48), then the hour.
  assert.deepEqual(Array.from(good.subarray(0, 6)), [0xd4, 0x1f, 0x48, 8, 45, 25]);
  const withByte = (at: number, v: number) => {
    const b = good.slice();
    b[at] = v;
    return b;
  };
  assert.throws(() => offsetDateTimeSchema.decode(withByte(2, 0)), /day of the year 0/);
  assert.throws(() => offsetDateTimeSchema.decode(withByte(3, 24)), /hour 24/);
  assert.throws(() => offsetDateTimeSchema.decode(withByte(4, 60)), /minute 60/);
  assert.throws(() => offsetDateTimeSchema.decode(withByte(5, 60)), /second 60/);
  assert.throws(
    () => offsetDateTimeSchema.decode(withByte(good.length - 3, 26)),
    /offset hours 26/,
  );
});
