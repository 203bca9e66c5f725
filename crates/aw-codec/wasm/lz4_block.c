// LZ4 block codec for WebAssembly: a greedy compressor (the reference's hash-and-skip search, with
// its acceleration) and a bounds-checked decoder. Freestanding C: no libc, no allocator. The
// JavaScript side (`lz4_block_wasm.ts`) lays input and output out in linear memory past
// `__heap_base` and grows the memory as needed; the only static state is the hash table.
//
// Built by `build.sh` beside this file (clang and wasm-ld, the Debian packages clang-14 and
// lld-14) into `lz4_block_wasm_bytes.ts`.

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define MIN_MATCH 4
// The block format's end rules, which the reference decoder relies on: the last 5 bytes are
// literals, and the last match starts at least 12 bytes before the end.
#define LAST_LITERALS 5
#define MF_LIMIT 12
#define MAX_DISTANCE 65535
// 4096 entries of 4 bytes, as the reference's default (LZ4_MEMORY_USAGE 14) and lz4_flex.
#define HASH_LOG 12
// After 2^SKIP_TRIGGER misses in a row the search step grows by one (the reference's value).
#define SKIP_TRIGGER 6
// One dictionary position in this many is put in the hash table (see lz4_compress).
#define DICTIONARY_STEP 8

static u32 table[1 << HASH_LOG];

static inline u32 read32(const u8 *p) {
  u32 v;
  __builtin_memcpy(&v, p, 4);
  return v;
}

static inline u64 read64(const u8 *p) {
  u64 v;
  __builtin_memcpy(&v, p, 8);
  return v;
}

static inline void write64(u8 *p, u64 v) { __builtin_memcpy(p, &v, 8); }

static inline void copy16(u8 *to, const u8 *from) { __builtin_memcpy(to, from, 16); }

// The hash of the 5 bytes at p (the reference's hash on 64-bit machines): on save-like data it
// finds as many matches as a 4-byte hash with fewer false candidates, so it is faster and the
// blocks are about 2% smaller. Reads 8 bytes: every caller is at least 12 bytes before the end.
static inline u32 hash5(const u8 *p) {
  return (u32)(((read64(p) << 24) * 889523592379ULL) >> (64 - HASH_LOG));
}

// How many bytes from `ip` on equal those from `match`, stopping at `limit`.
static inline u32 count_equal(const u8 *ip, const u8 *match, const u8 *limit) {
  const u8 *start = ip;
  while (ip + 8 <= limit) {
    u64 diff = read64(ip) ^ read64(match);
    if (diff) return (u32)(ip - start) + (u32)(__builtin_ctzll(diff) >> 3);
    ip += 8;
    match += 8;
  }
  while (ip < limit && *ip == *match) {
    ip++;
    match++;
  }
  return (u32)(ip - start);
}

// Writes a length's continuation bytes (the part above the 15 that the token holds).
static inline u8 *write_length(u8 *op, u32 rest) {
  while (rest >= 255) {
    *op++ = 255;
    rest -= 255;
  }
  *op++ = (u8)rest;
  return op;
}

// Where the literals left pending by the last call of lz4_compress with `open` set start, from src.
static u32 pending_literals;

// Compresses src[start, length) into dst, which must hold the compress bound of `length - start`
// plus 8 bytes (literals are copied 8 bytes at a time). Returns the block's length. `acceleration`
// 1 is the reference's default; larger values search less and compress faster and less.
//
// src[0, start) is a dictionary: what precedes the block in the decoder's output, which matches
// may reach back into (the second part of an input compressed on two threads, `lz4_parallel.ts`).
// With `open` set, the block is left open for another part to continue: the literals after the
// last match are not written, and lz4_pending_literals() says where they start.
u32 lz4_compress(const u8 *src, u32 start, u32 length, u8 *dst, u32 acceleration, u32 open) {
  const u8 *ip = src + start;
  const u8 *anchor = ip;
  const u8 *const iend = src + length;
  u8 *op = dst;

  if (length - start >= MF_LIMIT + 1) {
    const u8 *const mflimit_plus_one = iend - MF_LIMIT + 1;
    const u8 *const match_limit = iend - LAST_LITERALS;
    // Positions are offsets from src; clearing the table keeps a previous call's from matching.
    __builtin_memset(table, 0, sizeof(table));
    // Every DICTIONARY_STEP-th position of the dictionary: the search tries consecutive positions,
    // so it meets a repeat of the dictionary within that many bytes, at a fraction of the cost.
    for (u32 p = 0; p + 8 <= start; p += DICTIONARY_STEP) table[hash5(src + p)] = p;
    ip++;
    u32 forward_hash = hash5(ip);
    for (;;) {
      const u8 *match;
      u8 *token;
      // Find a match: every position at first, then further apart the longer nothing matches.
      {
        const u8 *forward = ip;
        u32 step = 1;
        u32 attempts = acceleration << SKIP_TRIGGER;
        do {
          u32 h = forward_hash;
          ip = forward;
          forward += step;
          step = attempts++ >> SKIP_TRIGGER;
          if (forward > mflimit_plus_one) goto last_literals;
          match = src + table[h];
          forward_hash = hash5(forward);
          table[h] = (u32)(ip - src);
        } while (match + MAX_DISTANCE < ip || read32(match) != read32(ip));
      }
      // Extend it backwards over literals that match too.
      while (ip > anchor && match > src && ip[-1] == match[-1]) {
        ip--;
        match--;
      }
      {
        u32 literals = (u32)(ip - anchor);
        token = op++;
        if (literals >= 15) {
          *token = 15 << 4;
          op = write_length(op, literals - 15);
        } else {
          *token = (u8)(literals << 4);
        }
        // Eight bytes at a time: the reads stay inside src (a match follows), the writes inside
        // dst's slack, and the next writes overwrite the excess.
        u8 *const end = op + literals;
        do {
          write64(op, read64(anchor));
          op += 8;
          anchor += 8;
        } while (op < end);
        op = end;
      }
      for (;;) {
        u32 offset = (u32)(ip - match);
        op[0] = (u8)offset;
        op[1] = (u8)(offset >> 8);
        op += 2;
        u32 match_length = count_equal(ip + MIN_MATCH, match + MIN_MATCH, match_limit);
        ip += match_length + MIN_MATCH;
        if (match_length >= 15) {
          *token += 15;
          op = write_length(op, match_length - 15);
        } else {
          *token += (u8)match_length;
        }
        anchor = ip;
        if (ip >= mflimit_plus_one) goto last_literals;
        table[hash5(ip - 2)] = (u32)(ip - 2 - src);
        // A match right here needs no literals: a token of length 0 and on.
        u32 h = hash5(ip);
        match = src + table[h];
        table[h] = (u32)(ip - src);
        if (match + MAX_DISTANCE < ip || read32(match) != read32(ip)) break;
        token = op++;
        *token = 0;
      }
      forward_hash = hash5(++ip);
    }
  }

last_literals : {
  if (open) {
    pending_literals = (u32)(anchor - src);
    return (u32)(op - dst);
  }
  u32 literals = (u32)(iend - anchor);
  if (literals >= 15) {
    *op++ = 15 << 4;
    op = write_length(op, literals - 15);
  } else {
    *op++ = (u8)(literals << 4);
  }
  __builtin_memcpy(op, anchor, literals);
  op += literals;
}
  return (u32)(op - dst);
}

u32 lz4_pending_literals(void) { return pending_literals; }

// Reads a length's continuation bytes onto `length`; 0 when the input ends first or the length
// passes `limit` (no valid block holds such a length).
static inline u32 read_length(const u8 **ip, const u8 *iend, u32 length, u32 limit) {
  const u8 *p = *ip;
  u32 b;
  do {
    if (p >= iend) return 0;
    b = *p++;
    length += b;
    if (length > limit) return 0;
  } while (b == 255);
  *ip = p;
  return length;
}

// Decodes the block src[0, src_length) into dst, which has room for exactly dst_length bytes.
// Returns the bytes written, or -1 for a malformed block (the caller decodes it again in
// TypeScript to name the error and its offset). Every read stays in src, every write in dst,
// and every match reaches back no further than dst.
int lz4_decompress(const u8 *src, u32 src_length, u8 *dst, u32 dst_length) {
  const u8 *ip = src;
  const u8 *const iend = src + src_length;
  u8 *op = dst;
  u8 *const oend = dst + dst_length;
  for (;;) {
    if (ip >= iend) return -1; // a block ends with literals
    u32 token = *ip++;
    u32 literals = token >> 4;
    // The common sequence, short literals and a short match far enough back, with room on both
    // sides: fixed-size copies of 16 literals and 24 match bytes, then advance by the real lengths.
    if (literals < 15 && (token & 15) < 15 && iend - ip >= 18 && oend - op >= 40) {
      copy16(op, ip);
      op += literals;
      ip += literals;
      u32 offset = (u32)ip[0] | ((u32)ip[1] << 8);
      u32 length = (token & 15) + MIN_MATCH;
      if (offset >= 8 && offset <= (u32)(op - dst)) {
        ip += 2;
        const u8 *match = op - offset;
        // Each 8-byte read takes bytes already written (offset >= 8), so overlaps repeat.
        write64(op, read64(match));
        write64(op + 8, read64(match + 8));
        write64(op + 16, read64(match + 16));
        op += length;
        continue;
      }
      // A short offset or a bad one: the general path below takes the match.
      literals = 0;
    } else if (literals == 15) {
      literals = read_length(&ip, iend, literals, src_length);
      if (literals == 0) return -1;
    }
    if (literals != 0) {
      if (literals > (u32)(iend - ip) || literals > (u32)(oend - op)) return -1;
      if (literals <= 16 && iend - ip >= 16 && oend - op >= 16) {
        copy16(op, ip); // advancing by the real length; later writes overwrite the excess
      } else {
        __builtin_memcpy(op, ip, literals);
      }
      op += literals;
      ip += literals;
    }
    if (ip == iend) return (int)(op - dst); // the last sequence has literals only

    if (iend - ip < 2) return -1;
    u32 offset = (u32)ip[0] | ((u32)ip[1] << 8);
    ip += 2;
    if (offset == 0 || offset > (u32)(op - dst)) return -1;
    u32 length = token & 15;
    if (length == 15) {
      length = read_length(&ip, iend, length, dst_length);
      if (length == 0) return -1;
    }
    length += MIN_MATCH;
    if (length > (u32)(oend - op)) return -1;
    const u8 *match = op - offset;
    u8 *const end = op + length;
    if (offset >= 8 && (u32)(oend - op) >= length + 8) {
      // Eight bytes at a time: with the offset at least 8 each read takes bytes already written,
      // so an overlapping match repeats its pattern; the excess stays inside dst.
      do {
        write64(op, read64(match));
        op += 8;
        match += 8;
      } while (op < end);
    } else {
      while (op < end) *op++ = *match++;
    }
    op = end;
  }
}
