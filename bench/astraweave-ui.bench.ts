/**
 * astraweave-ui benchmarks, in the Rust original's groups: `menu_manager`, `graphics_settings`,
 * `audio_settings`, `controls_settings`, `hud_manager`, `quest_system`, `poi_markers`,
 * `dialogue_system`, `tooltip_operations` and `settings_persistence`, plus `hud_frame`: one HUD
 * update of a busy frame (50 enemies, about 20 damage numbers, 10 POIs, 5 notifications).
 *
 * Unlike the original: `menu_creation` does not read the disk (the settings are loaded once, by
 * the caller), `state_transitions` does not write it, and `settings_persistence` saves and loads in
 * a temporary directory removed on unload, never the player's settings file. Every benchmark runs
 * the crate's code: none measures a copy of its types. Two peers run beside the persistence
 * benches: a plain `Deno.writeTextFile` of the same text (what atomicity and the flush cost) and a
 * bare read and smol-toml parse (what checking every field costs).
 *
 * @module
 */

import {
  DEFAULT_SETTINGS,
  DialogueRunner,
  type DialogueTree,
  HudManager,
  layoutTooltip,
  MenuManager,
  Minimap,
  QUALITIES,
  type Quality,
  QuestTracker,
  RESOLUTIONS,
  setSetting,
  SettingsStore,
  statText,
  type Tooltip,
  withBindings,
} from "@astraweave/ui";
import { benchCrate, consume, frameShare, ms } from "@astraweave/bench-protocol";
import { parse as parseToml } from "smol-toml";

const bench = benchCrate("astraweave-ui");
const DT = 1 / 60;
const BUTTON = "a few button presses";

// ---------------------------------------------------------------------------------------------
// menu_manager

const settingsMenu = new MenuManager();
bench({
  group: "menu_manager",
  name: "menu_creation",
  budget: frameShare(10_000, "a menu manager from loaded settings (no disk), once per game"),
  fn: () => consume(new MenuManager(DEFAULT_SETTINGS)),
});
const transitions = new MenuManager();
bench({
  group: "menu_manager",
  name: "state_transitions",
  budget: frameShare(10_000, `five transitions, ${BUTTON}`),
  fn: () => {
    transitions.handle("NewGame");
    transitions.escape();
    transitions.handle("Settings");
    transitions.escape();
    transitions.handle("Quit");
    consume(transitions.state);
  },
});
let navigationVolume = 0;
bench({
  group: "menu_manager",
  name: "settings_navigation",
  budget: frameShare(5_000, `open settings, change a volume, cancel, back: ${BUTTON}`),
  fn: () => {
    settingsMenu.handle("Settings");
    settingsMenu.editSetting("audio.musicVolume", navigationVolume = (navigationVolume + 7) % 101);
    settingsMenu.handle("CancelSettings");
    settingsMenu.handle("Back");
    consume(settingsMenu.settings);
  },
});

// ---------------------------------------------------------------------------------------------
// graphics_settings, audio_settings, controls_settings

const SETTING_BUDGET = frameShare(10_000, "a slider step: one validated setting change");
const CREATION_BUDGET = frameShare(2_000, "a settings section validated from loaded values");

const graphicsInput = {
  resolution: [2560, 1440],
  quality: "Ultra",
  fullscreen: true,
  vsync: false,
};
bench({
  group: "graphics_settings",
  name: "settings_creation",
  budget: CREATION_BUDGET,
  fn: () => {
    let s = setSetting(DEFAULT_SETTINGS, "graphics.resolution", graphicsInput.resolution);
    s = setSetting(s, "graphics.quality", graphicsInput.quality);
    s = setSetting(s, "graphics.fullscreen", graphicsInput.fullscreen);
    consume(setSetting(s, "graphics.vsync", graphicsInput.vsync));
  },
});
const resolutionNames = RESOLUTIONS.map(([w, h]) => `${w}x${h}`);
let resolutionIndex = 0;
bench({
  group: "graphics_settings",
  name: "resolution_update",
  budget: SETTING_BUDGET,
  fn: () => {
    resolutionIndex = (resolutionIndex + 1) % resolutionNames.length;
    consume(setSetting(DEFAULT_SETTINGS, "graphics.resolution", resolutionNames[resolutionIndex]));
  },
});
let qualityIndex = 0;
bench({
  group: "graphics_settings",
  name: "quality_preset_change",
  budget: SETTING_BUDGET,
  fn: () => {
    qualityIndex = (qualityIndex + 1) % QUALITIES.length;
    consume(setSetting(DEFAULT_SETTINGS, "graphics.quality", QUALITIES[qualityIndex] as Quality));
  },
});

const AUDIO_FIELDS = [
  ["audio.masterVolume", 90],
  ["audio.musicVolume", 40],
  ["audio.sfxVolume", 70],
  ["audio.voiceVolume", 100],
  ["audio.masterMute", false],
  ["audio.musicMute", true],
  ["audio.sfxMute", false],
  ["audio.voiceMute", false],
] as const;
bench({
  group: "audio_settings",
  name: "settings_creation",
  budget: CREATION_BUDGET,
  fn: () => {
    let s = DEFAULT_SETTINGS;
    for (const [field, value] of AUDIO_FIELDS) s = setSetting(s, field, value);
    consume(s);
  },
});
const volumeMenu = new MenuManager();
let volume = 0;
bench({
  group: "audio_settings",
  name: "volume_adjustment",
  budget: SETTING_BUDGET,
  fn: () => consume(volumeMenu.editSetting("audio.sfxVolume", volume = (volume + 1) % 101)),
});

const customBindings = { ...DEFAULT_SETTINGS.controls.bindings, jump: "J", interact: "F" };
bench({
  group: "controls_settings",
  name: "settings_creation",
  budget: CREATION_BUDGET,
  fn: () => {
    let s = withBindings(DEFAULT_SETTINGS, customBindings);
    s = setSetting(s, "controls.mouseSensitivity", 1.5);
    consume(setSetting(s, "controls.invertY", true));
  },
});
const bindingMenu = new MenuManager();
let bindingKey = false;
bench({
  group: "controls_settings",
  name: "key_binding_update",
  budget: frameShare(1_000, "a key press on the controls screen, checked against every binding"),
  fn: () => {
    bindingMenu.rebinder.start("jump");
    bindingKey = !bindingKey;
    bindingMenu.rebinder.capture(bindingKey ? "J" : "K");
    consume(bindingMenu.takeBindings());
  },
});
let sensitivity = 0.1;
bench({
  group: "controls_settings",
  name: "mouse_sensitivity_adjustment",
  budget: SETTING_BUDGET,
  fn: () => {
    sensitivity = sensitivity >= 4.9 ? 0.1 : sensitivity + 0.1;
    consume(setSetting(DEFAULT_SETTINGS, "controls.mouseSensitivity", sensitivity));
  },
});

// ---------------------------------------------------------------------------------------------
// hud_manager

bench({
  group: "hud_manager",
  name: "hud_creation",
  budget: frameShare(1_000, "the whole HUD with its damage-number pool, once per level load"),
  fn: () => consume(new HudManager()),
});
const statsHud = new HudManager();
let statsFrame = 0;
bench({
  group: "hud_manager",
  name: "player_stats_update",
  budget: frameShare(10_000, "three bars set and advanced"),
  fn: () => {
    statsFrame++;
    statsHud.player.setStats({ health: 100 - (statsFrame % 60), mana: 80, stamina: 50 });
    statsHud.player.update(DT);
    consume(statsHud.player.health.shown);
  },
});
for (const count of [1, 5, 10, 20, 50]) {
  const enemies = new HudManager().enemies;
  let frame = 0;
  bench({
    group: "hud_manager",
    name: `enemy_data_update/${count}`,
    budget: frameShare(20_000 / count, `${count} enemy bars set and advanced`),
    size: { value: count, unit: "enemies" },
    throughput: { elements: count },
    fn: () => {
      frame++;
      for (let id = 0; id < count; id++) {
        enemies.upsert(id, {
          faction: "Hostile",
          health: 100 - ((frame + id) % 100),
          maxHealth: 100,
          x: id * 10,
          y: 200,
        });
      }
      enemies.update(DT);
      consume(enemies.count);
    },
  });
}
const spawnHud = new HudManager();
let spawnValue = 0;
bench({
  group: "hud_manager",
  name: "damage_number_spawn",
  budget: frameShare(20_000, "a hit's number, many hits a frame in a brawl"),
  fn: () => consume(spawnHud.damageNumbers.spawn(spawnValue++ % 100, 640, 360)),
});

// ---------------------------------------------------------------------------------------------
// quest_system

const questTracker = new QuestTracker();
const questInit = {
  id: "bench",
  title: "Clear the bandit camp",
  objectives: [
    { id: "bandits", text: "Defeat bandits", target: 6 },
    { id: "cache", text: "Find the supply cache", target: 1 },
    { id: "report", text: "Report to the quartermaster", target: 1 },
  ],
};
bench({
  group: "quest_system",
  name: "quest_creation",
  budget: frameShare(10_000, "a quest of three objectives taken on, and dropped"),
  fn: () => {
    consume(questTracker.add(questInit));
    questTracker.remove("bench");
  },
});
const progressTracker = new QuestTracker();
progressTracker.add(questInit);
let progressStep = 1;
bench({
  group: "quest_system",
  name: "quest_progress_update",
  budget: frameShare(20_000, "one objective advanced (and back, so the quest never completes)"),
  fn: () => {
    progressStep = -progressStep;
    consume(progressTracker.progress("bench", "bandits", progressStep));
  },
});

// ---------------------------------------------------------------------------------------------
// poi_markers

for (const count of [1, 5, 10, 20, 50]) {
  bench({
    group: "poi_markers",
    name: `poi_creation/${count}`,
    budget: frameShare(1_000, `a new minimap with ${count} markers placed, once per map change`),
    size: { value: count, unit: "pois" },
    throughput: { elements: count },
    fn: () => {
      const map = new Minimap();
      for (let i = 0; i < count; i++) map.addPoi("objective", i * 13 - 300, i * 7 - 150, "POI");
      map.update(0);
      consume(map.pois[count - 1].mapX);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// dialogue_system

function dialogueTree(depth: number): DialogueTree {
  const nodes: Record<string, DialogueTree["nodes"][string]> = {};
  for (let i = 0; i < depth; i++) {
    nodes[`n${i}`] = {
      speaker: "Quartermaster",
      text: `Line ${i} of the conversation.`,
      choices: [
        { text: "Go on.", next: i + 1 < depth ? `n${i + 1}` : null },
        { text: "Tell me again.", next: `n${i}` },
        { text: "Goodbye.", next: null },
      ],
    };
  }
  return { start: "n0", nodes };
}
bench({
  group: "dialogue_system",
  name: "dialogue_node_creation",
  budget: frameShare(1_000, "a five-line dialogue built and checked as a conversation starts"),
  fn: () => consume(new DialogueRunner(dialogueTree(5))),
});
const tree = dialogueTree(5);
bench({
  group: "dialogue_system",
  name: "dialogue_tree_traversal",
  budget: frameShare(1_000, "five choices walked: each one a click, far apart"),
  fn: () => {
    const runner = new DialogueRunner(tree);
    while (!runner.ended) runner.choose(0);
    consume(runner.history.length);
  },
});

// ---------------------------------------------------------------------------------------------
// tooltip_operations

const plainTooltip: Tooltip = {
  title: "Iron Sword",
  rarity: "common",
  description: "A plain, reliable blade.",
  stats: [],
};
bench({
  group: "tooltip_operations",
  name: "tooltip_creation",
  budget: frameShare(2_000, "a tooltip laid out once a frame while the pointer rests on an item"),
  fn: () => consume(layoutTooltip(plainTooltip, 600, 400, 1280, 720)),
});
for (const count of [1, 5, 10, 20]) {
  const tooltip: Tooltip = {
    ...plainTooltip,
    stats: Array.from(
      { length: count },
      (_, i) => ({ label: `Stat ${i}`, value: i, delta: i - 2 }),
    ),
  };
  bench({
    group: "tooltip_operations",
    name: `tooltip_with_stats/${count}`,
    budget: frameShare(2_000, `a tooltip of ${count} stat lines laid out once a frame`),
    size: { value: count, unit: "stats" },
    fn: () => {
      let chars = 0;
      for (const stat of tooltip.stats) chars += statText(stat).length;
      consume(layoutTooltip(tooltip, 600, 400, 1280, 720).height + chars);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// settings_persistence (a temporary directory, never the player's settings file)

const root = Deno.makeTempDirSync({ prefix: "astraweave-ui-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
const store = new SettingsStore(`${root}/astraweave/settings.toml`);
const saved = withBindings(
  setSetting(DEFAULT_SETTINGS, "audio.musicVolume", 35),
  { ...DEFAULT_SETTINGS.controls.bindings, jump: "J" },
);
await store.save(saved);
bench({
  group: "settings_persistence",
  name: "settings_save",
  budget: ms(20, "on Apply, not per frame: an atomic, flushed write may wait for the disk"),
  fn: async () => consume(await store.save(saved)),
});
bench({
  group: "settings_persistence",
  name: "settings_load",
  budget: ms(1, "once at start-up: read, parse and validate the TOML file"),
  fn: async () => consume(await store.load()),
});
// Peers in the same run: what durability costs (a plain write: no temporary file, no flush, not
// atomic), and what checking every field costs (read and parse only).
const plainPath = `${root}/plain.toml`;
const savedText = await Deno.readTextFile(store.path);
bench({
  group: "settings_persistence",
  name: "plain_write",
  peer: "Deno.writeTextFile",
  versus: "settings_save",
  fn: async () => consume(await Deno.writeTextFile(plainPath, savedText)),
});
bench({
  group: "settings_persistence",
  name: "read_and_parse",
  peer: "smol-toml",
  versus: "settings_load",
  fn: async () => consume(parseToml(await Deno.readTextFile(store.path))),
});

// ---------------------------------------------------------------------------------------------
// hud_frame: everything the HUD does in one busy frame

const busy = new HudManager({ damageNumbers: { random: () => 0.5 } });
for (let i = 0; i < 10; i++) busy.minimap.addPoi("objective", i * 40 - 200, i * 25 - 120, "POI");
busy.quests.add(questInit);
let busyFrame = 0;
const ENEMIES = 50;
/** One frame: 50 enemies moved (two hit), a hit every 4 frames (about 22 numbers alive), a
 * notification every 24 frames (5 alive), the player moving, then `update`. */
function busyFrameStep(): void {
  busyFrame++;
  for (let id = 0; id < ENEMIES; id++) {
    const hit = (busyFrame + id) % 25 === 0;
    busy.enemies.upsert(id, {
      faction: id % 5 === 0 ? "Neutral" : "Hostile",
      health: hit ? 100 - (busyFrame % 90) : busy.enemies.get(id)?.bar.target ?? 100,
      maxHealth: 100,
      x: 100 + id * 20 + (busyFrame % 7),
      y: 300 + (id % 5) * 30,
    });
  }
  if (busyFrame % 4 === 0) busy.damageNumbers.spawn(busyFrame % 50, 640, 300);
  if (busyFrame % 24 === 0) busy.notifications.push("Bandit defeated");
  busy.minimap.setPlayer(busyFrame % 100, 0, 0);
  busy.player.setStats({ health: 100 - (busyFrame % 50), mana: 100, stamina: 80 });
  busy.update(DT);
}
// Reach the steady state before measuring.
for (let i = 0; i < 600; i++) busyFrameStep();
bench({
  group: "hud_frame",
  name: "busy_frame",
  budget: frameShare(100, "the HUD's logic takes at most 1% of the frame"),
  fn: () => {
    busyFrameStep();
    consume(busy.damageNumbers.count);
  },
});
