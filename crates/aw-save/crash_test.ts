// Crash safety: a child process saves in a loop and is killed with SIGKILL at a random moment,
// 200 times: after it has reported 1 to 3 completed saves (so the number of completed saves is
// fixed by construction, whatever the machine's load), plus a seeded random delay that lands the
// kill anywhere in the next saves. After each kill, every slot's previous save still loads, every `.awsv`
// file under a final name verifies, the index on disk lists only files that exist, and after the
// next list's repair it lists every save the child reported complete.
//
// And one fixed sequence, with no timing in it, for the window between a save's durable write and
// its index update: the child is killed while this process holds the player's index lock, so its
// acknowledged save is on the disk and its index update cannot have run.
import assert from "node:assert/strict";
import { basename, dirname, join } from "node:path";
import { createBundle, decodeIndex, decodeSaveFile, SaveManager } from "./mod.ts";
import { mulberry32 } from "@astraweave/testing/random";
import { withTempDir } from "@astraweave/testing/temp-dir";

const KILLS = 200;
/** Children run two at a time (one per core), each lane in its own save root. */
const LANES = 2;
/** A lane starts a fresh root after this many kills, so directories stay small. */
const KILLS_PER_ROOT = 25;
/** The longest a child saves before it is killed, in milliseconds. */
const MAX_DELAY_MS = 60;
const PLAYER = "crash tester"; // escaped to crash%20tester

const child = new URL("./testdata/crash_child.ts", import.meta.url).pathname;
const config = new URL("../../deno.json", import.meta.url).pathname;

interface Ack {
  slot: number;
  tick: number;
  file: string;
}

/**
 * Runs one child in `root` from `firstTick`, kills it `delayMs` after it reported `progress`
 * completed saves, and returns the saves it reported complete (at least `progress`).
 */
async function runAndKill(
  root: string,
  seed: number,
  firstTick: number,
  progress: number,
  delayMs: number,
) {
  const process = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      `--config=${config}`,
      // The parent too: creating the root durably flushes the directory that holds it.
      `--allow-read=${dirname(root)}`,
      `--allow-write=${root}`,
      child,
      root,
      PLAYER,
      String(seed),
      String(firstTick),
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines = process.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let killed = false;
  const kill = () => {
    if (!killed) process.kill("SIGKILL");
    killed = true;
  };
  // Read everything the child prints; kill it `delayMs` after its `progress`-th completed save.
  const acked = (t: string) => t.split("\n").filter((line) => /^\d+ \d+ \S+$/.test(line)).length;
  let timer: ReturnType<typeof setTimeout> | undefined;
  while (true) {
    const { value, done } = await lines.read();
    if (done) break;
    text += value;
    if (timer === undefined && acked(text) >= progress) timer = setTimeout(kill, delayMs);
  }
  clearTimeout(timer);
  const status = await process.status;
  const stderr = new TextDecoder().decode(await new Response(process.stderr).arrayBuffer());
  assert.ok(killed, `the child exited before it was killed: ${status.code}: ${stderr}`);
  assert.equal(status.signal, "SIGKILL", stderr);
  const acks: Ack[] = [];
  for (const line of text.split("\n")) {
    const m = /^(\d+) (\d+) (\S+)$/.exec(line);
    if (m) acks.push({ slot: Number(m[1]), tick: Number(m[2]), file: m[3] });
  }
  return acks;
}

interface LaneState {
  root: string;
  /** Per slot, the tick of the newest save known to have landed (reported, or found after a kill). */
  lastAcked: Map<number, number>;
  /** Every file reported complete. */
  acked: Set<string>;
  /** Files already verified (files under final names never change). */
  verified: Set<string>;
  nextTick: number;
}

/** The checks after each kill; returns the temporary files the crashes left behind so far. */
async function checkAfterKill(state: LaneState, acks: Ack[]): Promise<string[]> {
  const saves = new SaveManager(state.root);
  const dir = saves.playerDir(PLAYER);
  for (const ack of acks) {
    state.lastAcked.set(ack.slot, ack.tick);
    state.acked.add(ack.file);
  }
  // The child saves one tick after another: the save in flight at the kill had this tick.
  const inFlight = state.nextTick + acks.length;
  state.nextTick = inFlight + 1;

  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  for (const name of names) {
    assert.ok(
      name.endsWith(".awsv") || name === "index.json" || name === "index.lock" ||
        name.endsWith(".tmp"),
      `unexpected file ${name}`,
    );
  }
  const temps = names.filter((n) => n.endsWith(".tmp")).map((n) => join(dir, n));

  // Every file under a final name is complete and valid.
  const finals = names.filter((n) => n.endsWith(".awsv"));
  for (const name of finals) {
    if (state.verified.has(name)) continue;
    decodeSaveFile(await Deno.readFile(join(dir, name)), { path: name });
    state.verified.add(name);
  }

  // Every acknowledged save is there. The index on disk, when there is one, is intact and lists
  // only existing files; it may miss the saves whose index update the kill cut off (the index
  // follows a save in the background), and the next list puts them back.
  const present = new Set(finals);
  for (const file of state.acked) assert.ok(present.has(file), `acknowledged save ${file} is gone`);
  if (names.includes("index.json")) {
    const index = decodeIndex(await Deno.readFile(join(dir, "index.json")));
    assert.ok(Array.isArray(index), `index.json is damaged: ${JSON.stringify(index)}`);
    for (const m of index) assert.ok(present.has(m.file), `index lists missing file ${m.file}`);
  }
  const listed = new Set((await saves.listSaves(PLAYER)).map((m) => m.file));
  for (const file of state.acked) {
    assert.ok(listed.has(file), `acknowledged save ${file} is not listed after the repair`);
  }

  // Each slot's newest save is the newest one known to have landed, or the one in flight at the
  // kill (its rename may have happened before the kill).
  for (const [slot, tick] of state.lastAcked) {
    const latest = await saves.loadLatestSlot(PLAYER, slot);
    assert.equal(latest.skipped.length, 0, `slot ${slot}: damaged files`);
    const loaded = Number(latest.bundle.world.tick);
    assert.ok(
      loaded === tick || (loaded === inFlight && inFlight % 3 === slot),
      `slot ${slot}: newest save has tick ${loaded}, the newest known to have landed ${tick}`,
    );
    state.lastAcked.set(slot, loaded);
  }
  return temps;
}

Deno.test({
  name: `crash safety: ${KILLS} SIGKILLs at random moments of a save loop lose and corrupt nothing`,
  fn: async () => {
    const random = mulberry32(0x5a7e);
    // One delay per kill, drawn up front: the n-th kill waits the same on every run.
    const delays = Array.from({ length: KILLS }, () => random() * MAX_DELAY_MS);
    /** The n-th child is killed only after it reported this many completed saves. */
    const progress = (n: number) => 1 + (n % 3);
    let required = 0;
    for (let n = 0; n < KILLS; n++) required += progress(n);
    const base = await Deno.makeTempDir({ prefix: "aw-save-crash-" });
    try {
      let kills = 0;
      let killed = 0;
      const leftoverTemps = new Set<string>();
      let savesDone = 0;
      const lane = async (laneId: number) => {
        let state: LaneState | null = null;
        while (kills < KILLS) {
          const n = kills++;
          if (!state || n % KILLS_PER_ROOT < LANES) {
            state = {
              root: join(base, `lane${laneId}-${n}`),
              lastAcked: new Map(),
              acked: new Set(),
              verified: new Set(),
              nextTick: 0,
            };
          }
          const acks = await runAndKill(state.root, n, state.nextTick, progress(n), delays[n]);
          assert.ok(acks.length >= progress(n));
          killed++; // runAndKill checked that SIGKILL ended the child
          savesDone += acks.length;
          for (const temp of await checkAfterKill(state, acks)) leftoverTemps.add(temp);
        }
      };
      await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
      assert.equal(killed, KILLS);
      // Every child completed the saves it was required to before the kill (by construction)...
      assert.ok(savesDone >= required);
      // ...and kills landed inside saves (after a temporary file was made, before its rename), so
      // the crash window was exercised, not only the gaps between saves.
      assert.ok(leftoverTemps.size > 0, "no kill interrupted a save");
      console.log(
        `${killed} kills, ${savesDone} saves completed, ${leftoverTemps.size} temporary files left by kills`,
      );
    } finally {
      await Deno.remove(base, { recursive: true });
    }
  },
});

Deno.test("a crash between a save's durable write and its index update leaves a complete save, and the next list repairs the index", async () => {
  await withTempDir(async (root) => {
    const saves = new SaveManager(root);
    const dir = saves.playerDir(PLAYER);
    const first = basename(
      await saves.save(PLAYER, 1, createBundle({ playerId: PLAYER, slot: 1 })),
    );
    await saves.indexSettled(PLAYER);
    const indexed = (): string[] => {
      const index = decodeIndex(Deno.readFileSync(join(dir, "index.json")));
      assert.ok(Array.isArray(index), JSON.stringify(index));
      return index.map((m) => m.file).sort();
    };
    assert.deepEqual(indexed(), [first]);
    // Held here, the player's lock keeps the child's index update from running: the child's save
    // resolves (its file is durable) and the child is killed before the index could follow.
    const lock = await Deno.open(join(dir, "index.lock"), { read: true, write: true });
    let acks: Ack[];
    try {
      await lock.lock(true);
      acks = await runAndKill(root, 1, 0, 1, 0);
    } finally {
      lock.close();
    }
    const saved = acks[0].file;
    // The acknowledged save is complete...
    const loaded = await saves.loadFile(join(dir, saved));
    assert.equal(loaded.bundle.world.tick, 0n);
    // ...and the index is the one from before the crash: it misses it.
    assert.deepEqual(indexed(), [first]);
    // The next list repairs the index from the files: every complete save, the crashed one's too
    // (and a second one of the child's if it got as far as its rename before the kill).
    const files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".awsv"))
      .sort();
    assert.ok(files.includes(saved));
    assert.deepEqual((await saves.listSaves(PLAYER)).map((m) => m.file).sort(), files);
    assert.deepEqual(indexed(), files);
  }, "aw-save-crash-window-");
});
