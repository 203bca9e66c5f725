/**
 * `OffsetDateTime` as the Rust `time` crate stores it, and the text forms the save tools use.
 *
 * A save's `created_at` is a `time::OffsetDateTime`. Postcard carries it as the local date and time
 * at its offset (year, day of the year, hour, minute, second, nanosecond) and the offset itself
 * (hours, minutes, seconds). {@link OffsetDateTime} keeps exactly those fields, so a decoded save
 * re-encodes to the same bytes and nanoseconds survive (a JavaScript `Date` keeps milliseconds).
 *
 * Text forms:
 * - RFC 3339 with nanoseconds ({@link formatRfc3339}, {@link parseRfc3339}): what `inspect` prints.
 * - The `time` crate's human-readable serde form, `2026-03-13 08:45:25.4431216 +00:00:00`
 *   ({@link formatTimeText}, {@link parseTimeText}): what the Rust crate writes in `index.json`.
 *
 * @module
 */

/** A date and time with a UTC offset, field for field as `time::OffsetDateTime` serializes it. */
export interface OffsetDateTime {
  /** Year, -9999 to 9999 (the `time` crate's range without its `large-dates` feature). */
  year: number;
  /** Day of the year, 1 to 365 (366 in leap years). */
  ordinal: number;
  /** 0 to 23, local time at the offset. */
  hour: number;
  /** 0 to 59. */
  minute: number;
  /** 0 to 59. */
  second: number;
  /** 0 to 999,999,999. */
  nanosecond: number;
  /** Offset from UTC: whole hours, -25 to 25. */
  offsetHours: number;
  /** Offset minutes past the hour, -59 to 59, with the sign of the offset. */
  offsetMinutes: number;
  /** Offset seconds past the minute, -59 to 59, with the sign of the offset. */
  offsetSeconds: number;
}

const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysInYear = (year: number) => (isLeap(year) ? 366 : 365);
/** Days before each month (index 0 = January) in a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function daysBefore(month: number, year: number): number {
  return DAYS_BEFORE_MONTH[month - 1] + (month > 2 && isLeap(year) ? 1 : 0);
}

/** Days from 1970-01-01 to `year`-`month`-`day` in the proleptic Gregorian calendar. */
function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's algorithm: count in 400-year eras starting on March 1st.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) +
    dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The year and day of the year of a day counted from 1970-01-01. */
function ordinalFromDays(days: number): { year: number; ordinal: number } {
  // First an estimate of the year, then correct it by at most one in either direction.
  let year = 1970 + Math.floor(days / 365.2425);
  while (daysFromCivil(year, 1, 1) > days) year--;
  while (daysFromCivil(year + 1, 1, 1) <= days) year++;
  return { year, ordinal: days - daysFromCivil(year, 1, 1) + 1 };
}

/** The month (1 to 12) and day of the month of a day of the year. */
export function monthDay(year: number, ordinal: number): { month: number; day: number } {
  let month = 12;
  while (month > 1 && daysBefore(month, year) >= ordinal) month--;
  return { month, day: ordinal - daysBefore(month, year) };
}

const inRange = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/**
 * Why `value` is not a valid {@link OffsetDateTime} (the checks `time` makes when it decodes one),
 * or `null` when it is valid.
 */
export function dateTimeProblem(value: OffsetDateTime): string | null {
  if (value === null || typeof value !== "object") return "not an OffsetDateTime object";
  const { year, ordinal, hour, minute, second, nanosecond } = value;
  if (!inRange(year, -9999, 9999)) return `year ${year} is outside -9999..9999`;
  if (!inRange(ordinal, 1, daysInYear(year))) {
    return `day of the year ${ordinal} is outside 1..${daysInYear(year)}`;
  }
  if (!inRange(hour, 0, 23)) return `hour ${hour} is outside 0..23`;
  if (!inRange(minute, 0, 59)) return `minute ${minute} is outside 0..59`;
  if (!inRange(second, 0, 59)) return `second ${second} is outside 0..59`;
  if (!inRange(nanosecond, 0, 999_999_999)) {
    return `nanosecond ${nanosecond} is outside 0..999999999`;
  }
  const { offsetHours: h, offsetMinutes: m, offsetSeconds: s } = value;
  if (!inRange(h, -25, 25)) return `offset hours ${h} is outside -25..25`;
  if (!inRange(m, -59, 59)) return `offset minutes ${m} is outside -59..59`;
  if (!inRange(s, -59, 59)) return `offset seconds ${s} is outside -59..59`;
  return null;
}

/**
 * The offset's components with one sign, as `time::UtcOffset::from_hms` makes them: a negative
 * hour makes minutes and seconds negative, a positive one makes them positive, and the minutes do
 * the same to the seconds. Decoding normalizes like Rust, so a decoded value re-encodes as Rust would.
 */
export function normalizeOffset(value: OffsetDateTime): OffsetDateTime {
  let { offsetHours: h, offsetMinutes: m, offsetSeconds: s } = value;
  if (h < 0) {
    m = -Math.abs(m);
    s = -Math.abs(s);
  } else if (h > 0) {
    m = Math.abs(m);
    s = Math.abs(s);
  }
  if (m < 0) s = -Math.abs(s);
  else if (m > 0) s = Math.abs(s);
  // `|| 0` turns -0 into 0.
  return { ...value, offsetHours: h, offsetMinutes: m || 0, offsetSeconds: s || 0 };
}

/** The offset in seconds east of UTC. */
const offsetSecondsOf = (v: OffsetDateTime) =>
  v.offsetHours * 3600 + v.offsetMinutes * 60 + v.offsetSeconds;

/** Seconds since 1970-01-01T00:00:00Z of the instant `value` names (nanoseconds not included). */
export function epochSeconds(value: OffsetDateTime): number {
  const days = daysFromCivil(value.year, 1, 1) + value.ordinal - 1;
  return days * 86400 + value.hour * 3600 + value.minute * 60 + value.second -
    offsetSecondsOf(value);
}

/**
 * Orders two date-times by the instant they name, as Rust's `Ord for OffsetDateTime` does (the
 * same instant at two offsets compares equal): negative, zero or positive.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareDateTime, parseRfc3339 } from "@astraweave/save";
 * const a = parseRfc3339("2026-03-13T08:45:25Z");
 * const b = parseRfc3339("2026-03-13T09:45:25+01:00");
 * assert.equal(compareDateTime(a, b), 0);
 * ```
 */
export function compareDateTime(a: OffsetDateTime, b: OffsetDateTime): number {
  return epochSeconds(a) - epochSeconds(b) || a.nanosecond - b.nanosecond;
}

/**
 * The UTC date-time of `epochMs` milliseconds since 1970 plus `extraNanos` nanoseconds (0 to
 * 999,999).
 */
function fromEpoch(epochMs: number, extraNanos: number): OffsetDateTime {
  const seconds = Math.floor(epochMs / 1000);
  const days = Math.floor(seconds / 86400);
  const secondOfDay = seconds - days * 86400;
  const { year, ordinal } = ordinalFromDays(days);
  return {
    year,
    ordinal,
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor(secondOfDay / 60) % 60,
    second: secondOfDay % 60,
    nanosecond: (epochMs - seconds * 1000) * 1_000_000 + extraNanos,
    offsetHours: 0,
    offsetMinutes: 0,
    offsetSeconds: 0,
  };
}

/**
 * The UTC date-time of a `Date` (millisecond precision).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dateTimeFromDate } from "@astraweave/save";
 * const t = dateTimeFromDate(new Date("2026-03-13T08:45:25.443Z"));
 * assert.deepEqual([t.year, t.ordinal, t.hour, t.nanosecond], [2026, 72, 8, 443000000]);
 * ```
 */
export function dateTimeFromDate(date: Date): OffsetDateTime {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("invalid Date");
  return fromEpoch(ms, 0);
}

/**
 * The `Date` of the instant a date-time names (nanoseconds below a millisecond are dropped).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dateTimeToDate, parseRfc3339 } from "@astraweave/save";
 * assert.equal(
 *   dateTimeToDate(parseRfc3339("2026-03-13T09:45:25.5+01:00")).toISOString(),
 *   "2026-03-13T08:45:25.500Z",
 * );
 * ```
 */
export function dateTimeToDate(value: OffsetDateTime): Date {
  return new Date(epochSeconds(value) * 1000 + Math.floor(value.nanosecond / 1_000_000));
}

let lastMs = -Infinity;
let lastExtraNanos = 0;

/**
 * Now, in UTC. Successive calls in one process return strictly increasing values (a call in the
 * same millisecond as the previous one is 1 ns later), so saves made one after another are ordered
 * by `created_at` even within a millisecond.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compareDateTime, dateTimeNow } from "@astraweave/save";
 * const a = dateTimeNow();
 * const b = dateTimeNow();
 * assert.ok(compareDateTime(a, b) < 0);
 * ```
 */
export function dateTimeNow(): OffsetDateTime {
  let ms = Date.now();
  let extra = 0;
  if (ms <= lastMs) {
    // Same millisecond (or the clock stepped back): continue after the previous value.
    ms = lastMs;
    extra = lastExtraNanos + 1;
    if (extra === 1_000_000) {
      ms++;
      extra = 0;
    }
  }
  lastMs = ms;
  lastExtraNanos = extra;
  return fromEpoch(ms, extra);
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const yearText = (year: number) => (year < 0 ? `-${pad(-year, 4)}` : pad(year, 4));

function dateText(v: OffsetDateTime): string {
  const { month, day } = monthDay(v.year, v.ordinal);
  return `${yearText(v.year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const clockText = (v: OffsetDateTime) =>
  `${pad(v.hour, 2)}:${pad(v.minute, 2)}:${pad(v.second, 2)}`;

function checked(value: OffsetDateTime): OffsetDateTime {
  const problem = dateTimeProblem(value);
  if (problem) throw new RangeError(`invalid OffsetDateTime: ${problem}`);
  return value;
}

/**
 * RFC 3339 with all nine nanosecond digits: `2026-03-13T08:45:25.443121600Z`. A zero offset is
 * written `Z`. An offset with seconds (which RFC 3339 cannot express) is written `+hh:mm:ss`, and
 * {@link parseRfc3339} reads it back.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRfc3339, parseRfc3339 } from "@astraweave/save";
 * assert.equal(
 *   formatRfc3339(parseRfc3339("2026-03-13T10:45:25.5+02:00")),
 *   "2026-03-13T10:45:25.500000000+02:00",
 * );
 * ```
 */
export function formatRfc3339(value: OffsetDateTime): string {
  const v = checked(value);
  const total = offsetSecondsOf(v);
  let offset = "Z";
  if (total !== 0) {
    const a = Math.abs;
    offset = `${total < 0 ? "-" : "+"}${pad(a(v.offsetHours), 2)}:${pad(a(v.offsetMinutes), 2)}`;
    if (v.offsetSeconds !== 0) offset += `:${pad(a(v.offsetSeconds), 2)}`;
  }
  return `${dateText(v)}T${clockText(v)}.${pad(v.nanosecond, 9)}${offset}`;
}

const RFC3339 =
  /^(-?\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2})(?::(\d{2}))?)$/;

/** Builds a date-time from parsed text fields; throws a RangeError naming `text` when invalid. */
function fromFields(
  text: string,
  year: number,
  month: number,
  day: number,
  clock: [number, number, number],
  fraction: string | undefined,
  sign: number,
  offset: [number, number, number],
): OffsetDateTime {
  if (month < 1 || month > 12) throw new RangeError(`month ${month} is outside 1..12 in "${text}"`);
  // daysBefore(13) is the length of the year, so this also holds for December.
  const length = daysBefore(month + 1, year) - daysBefore(month, year);
  if (day < 1 || day > length) {
    throw new RangeError(`day ${day} is outside 1..${length} in "${text}"`);
  }
  const value: OffsetDateTime = {
    year,
    ordinal: daysBefore(month, year) + day,
    hour: clock[0],
    minute: clock[1],
    second: clock[2],
    nanosecond: fraction ? Number(fraction.padEnd(9, "0")) : 0,
    offsetHours: sign * offset[0] || 0,
    offsetMinutes: sign * offset[1] || 0,
    offsetSeconds: sign * offset[2] || 0,
  };
  const problem = dateTimeProblem(value);
  if (problem) throw new RangeError(`${problem} in "${text}"`);
  return value;
}

/**
 * Parses RFC 3339 (`2026-03-13T08:45:25.4431216Z`, `...+02:00`), up to nine fraction digits, and
 * the `+hh:mm:ss` offsets {@link formatRfc3339} writes.
 *
 * @throws {RangeError} when `text` is not such a date-time or names an invalid one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRfc3339 } from "@astraweave/save";
 * const t = parseRfc3339("2026-03-13T08:45:25.4431216Z");
 * assert.equal(t.ordinal, 72);
 * assert.equal(t.nanosecond, 443121600);
 * ```
 */
export function parseRfc3339(text: string): OffsetDateTime {
  const m = RFC3339.exec(text);
  if (!m) throw new RangeError(`"${text}" is not an RFC 3339 date-time`);
  const n = (i: number) => Number(m[i] ?? 0);
  return fromFields(
    text,
    n(1),
    n(2),
    n(3),
    [n(4), n(5), n(6)],
    m[7],
    m[9] === "-" ? -1 : 1,
    [n(10), n(11), n(12)],
  );
}

/**
 * The `time` crate's human-readable form, which the Rust aw-save writes as `created_at` in
 * `index.json`: `2026-03-13 08:45:25.4431216 +00:00:00` (fraction without trailing zeros, at least
 * one digit; the offset always with a sign, minutes and seconds).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTimeText, parseRfc3339 } from "@astraweave/save";
 * assert.equal(
 *   formatTimeText(parseRfc3339("2026-03-13T08:45:25.4431216Z")),
 *   "2026-03-13 08:45:25.4431216 +00:00:00",
 * );
 * ```
 */
export function formatTimeText(value: OffsetDateTime): string {
  const v = checked(value);
  const fraction = pad(v.nanosecond, 9).replace(/0+$/, "") || "0";
  const negative = offsetSecondsOf(v) < 0;
  const a = Math.abs;
  const offset = `${negative ? "-" : "+"}${pad(a(v.offsetHours), 2)}:${
    pad(a(v.offsetMinutes), 2)
  }:${pad(a(v.offsetSeconds), 2)}`;
  return `${dateText(v)} ${clockText(v)}.${fraction} ${offset}`;
}

const TIME_TEXT =
  /^(-?\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{1,9}) ([+-])(\d{2})(?::(\d{2})(?::(\d{2}))?)?$/;

/**
 * Parses the form {@link formatTimeText} writes (offset minutes and seconds optional, as `time`
 * accepts them).
 *
 * @throws {RangeError} when `text` is not in that form or names an invalid date-time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTimeText } from "@astraweave/save";
 * assert.equal(parseTimeText("2026-03-13 08:45:25.4431216 +00:00:00").nanosecond, 443121600);
 * ```
 */
export function parseTimeText(text: string): OffsetDateTime {
  const m = TIME_TEXT.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a time-crate date-time`);
  const n = (i: number) => Number(m[i] ?? 0);
  return fromFields(
    text,
    n(1),
    n(2),
    n(3),
    [n(4), n(5), n(6)],
    m[7],
    m[8] === "-" ? -1 : 1,
    [n(9), n(10), n(11)],
  );
}

/**
 * The UTC date-time as the Rust aw-save stamps file names: `2026-03-13T08-45-25Z`.
 */
export function fileStamp(value: OffsetDateTime): string {
  return `${dateText(value)}T${pad(value.hour, 2)}-${pad(value.minute, 2)}-${
    pad(value.second, 2)
  }Z`;
}
