/// <reference lib="dom" />
/**
 * The `ui` page: draws `@astraweave/ui/state` (menus, settings, HUD) with the DOM and wires
 * keyboard, mouse and gamepad to it. Settings and saves go through the page's server
 * (`/api/settings`, `/api/saves`); nothing else is fetched.
 *
 * @module
 */

import {
  type Action,
  ACTIONS,
  COLOR_MODES,
  type ColorMode,
  effectiveVolume,
  keyNameFromCode,
  layoutTooltip,
  MAX_UI_SCALE,
  type MenuAction,
  type MenuEffect,
  MenuManager,
  MIN_UI_SCALE,
  mouseButtonName,
  PALETTES,
  parseSettings,
  QUALITIES,
  RESOLUTIONS,
  type SettingField,
  type Settings,
  statText,
  type Tooltip,
  UiError,
} from "@astraweave/ui/state";
import { DemoScene, type DemoState } from "./demo.ts";

const ACTION_LABELS: Record<Action, string> = {
  moveForward: "Move forward",
  moveBackward: "Move backward",
  moveLeft: "Move left",
  moveRight: "Move right",
  jump: "Jump",
  crouch: "Crouch",
  sprint: "Sprint",
  attack: "Attack",
  interact: "Interact",
  inventory: "Inventory",
};

const $ = <T extends HTMLElement = HTMLElement>(selector: string): T => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`the page has no ${selector}`);
  return found;
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

const SVG = "http://www.w3.org/2000/svg";

// ---------------------------------------------------------------- state

const menu = new MenuManager();
let demo: DemoScene | null = null;
let slotsMode: "save" | "load" | null = null;
let settingsTab = "graphics";
let accessibility = { colorMode: "Normal" as ColorMode, uiScale: 1, largeText: false };
let lastFocusState = "";

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error ?? `${method} ${path}: ${response.status}`);
  return data as T;
}

function setStatus(selector: string, text: string, error = false): void {
  const node = $(selector);
  node.textContent = text;
  node.classList.toggle("error", error);
}

// ---------------------------------------------------------------- sound

let audioContext: AudioContext | null = null;

/**
 * A short synthesized blip on the effects bus, at the volume the settings give it (the edited
 * ones, so a slider is heard as it moves). The audio context starts on the first user gesture.
 */
function blip(frequency: number, seconds = 0.06): void {
  const gain = effectiveVolume(menu.settings.audio, "sfx");
  if (gain === 0) return;
  audioContext ??= new AudioContext();
  const now = audioContext.currentTime;
  const oscillator = audioContext.createOscillator();
  const envelope = audioContext.createGain();
  oscillator.frequency.value = frequency;
  envelope.gain.setValueAtTime(0.12 * gain, now);
  envelope.gain.exponentialRampToValueAtTime(0.0001, now + seconds);
  oscillator.connect(envelope).connect(audioContext.destination);
  oscillator.start(now);
  oscillator.stop(now + seconds);
}

// ---------------------------------------------------------------- menu actions

async function act(action: MenuAction): Promise<void> {
  let effect: MenuEffect;
  try {
    effect = menu.handle(action);
  } catch (e) {
    setStatus("#settings-status", (e as Error).message, true);
    return;
  }
  switch (effect.type) {
    case "newGame":
      startGame(null);
      break;
    case "apply":
      await applySettings(effect.settings);
      break;
    case "save":
    case "load":
      await openSlots(effect.type);
      break;
    case "exit":
      break;
    case "none":
      if (action === "CancelSettings") setStatus("#settings-status", "Changes reverted");
      break;
  }
  render();
}

async function applySettings(settings: Settings): Promise<void> {
  try {
    await api("PUT", "/api/settings", settings);
    setStatus("#settings-status", "Settings saved");
  } catch (e) {
    setStatus("#settings-status", `Not saved: ${(e as Error).message}`, true);
  }
}

function startGame(state: DemoState | null): void {
  demo = new DemoScene();
  resizeScene();
  if (state) demo.restore(state);
  for (
    const node of document.querySelectorAll(
      "#damage-numbers > *, #enemy-bars > *, #notifications > *",
    )
  ) {
    node.remove();
  }
  buildActors();
}

// ---------------------------------------------------------------- save slots

interface SlotJson {
  slot: number;
  savedAt: string;
  file: string;
}

async function openSlots(mode: "save" | "load"): Promise<void> {
  slotsMode = mode;
  $("#slots-title").textContent = mode === "save" ? "Save Game" : "Load Game";
  setStatus("#slots-status", "");
  await refreshSlots();
}

async function refreshSlots(): Promise<void> {
  const list = $("#slot-list");
  let slots: (SlotJson | null)[];
  try {
    slots = (await api<{ slots: (SlotJson | null)[] }>("GET", "/api/saves")).slots;
  } catch (e) {
    setStatus("#slots-status", (e as Error).message, true);
    return;
  }
  list.replaceChildren(
    ...slots.map((info, slot) => {
      const when = info
        ? new Date(info.savedAt).toLocaleString("en-GB", {
          dateStyle: "medium",
          timeStyle: "short",
        })
        : "empty";
      const button = el(
        "button",
        { type: "button", class: "slot", "data-slot": String(slot) },
        el("span", { class: "slot-name" }, `Slot ${slot + 1}`),
        el("span", { class: "slot-date" }, when),
      );
      button.disabled = slotsMode === "load" && info === null;
      button.addEventListener("click", () => void useSlot(slot));
      return button;
    }),
  );
  render();
}

async function useSlot(slot: number): Promise<void> {
  try {
    if (slotsMode === "save" && demo) {
      await api("POST", `/api/saves/${slot}`, {
        tick: Math.round(demo.time * 60),
        state: demo.snapshot(),
        meta: { scene: "bandit camp", label: `Slot ${slot + 1}` },
      });
      setStatus("#slots-status", `Saved to slot ${slot + 1}`);
      await refreshSlots();
    } else if (slotsMode === "load") {
      const loaded = await api<{ state: DemoState }>("GET", `/api/saves/${slot}`);
      startGame(loaded.state);
      slotsMode = null;
      menu.handle("Resume");
      render();
    }
  } catch (e) {
    setStatus("#slots-status", (e as Error).message, true);
  }
}

// ---------------------------------------------------------------- settings screen

type Control =
  | { kind: "select"; field: SettingField; label: string; options: [string, string][] }
  | { kind: "range"; field: SettingField; label: string; min: number; max: number; step: number }
  | { kind: "check"; field: SettingField; label: string };

const TABS: { id: string; label: string; controls: Control[] }[] = [
  {
    id: "graphics",
    label: "Graphics",
    controls: [
      {
        kind: "select",
        field: "graphics.resolution",
        label: "Resolution",
        options: RESOLUTIONS.map(([w, h]) => [`${w}x${h}`, `${w} × ${h}`]),
      },
      {
        kind: "select",
        field: "graphics.quality",
        label: "Quality",
        options: QUALITIES.map((q) => [q, q]),
      },
      { kind: "check", field: "graphics.fullscreen", label: "Fullscreen" },
      { kind: "check", field: "graphics.vsync", label: "VSync" },
    ],
  },
  {
    id: "audio",
    label: "Audio",
    controls: (["master", "music", "sfx", "voice"] as const).flatMap((bus): Control[] => [
      {
        kind: "range",
        field: `audio.${bus}Volume`,
        label: `${bus === "sfx" ? "Effects" : bus[0].toUpperCase() + bus.slice(1)} volume`,
        min: 0,
        max: 100,
        step: 1,
      },
      {
        kind: "check",
        field: `audio.${bus}Mute`,
        label: `Mute ${bus === "sfx" ? "effects" : bus}`,
      },
    ]),
  },
  {
    id: "controls",
    label: "Controls",
    controls: [
      {
        kind: "range",
        field: "controls.mouseSensitivity",
        label: "Mouse sensitivity",
        min: 0.1,
        max: 5,
        step: 0.1,
      },
      { kind: "check", field: "controls.invertY", label: "Invert Y" },
    ],
  },
  { id: "accessibility", label: "Accessibility", controls: [] },
];

const fieldId = (field: string) => `field-${field.replace(".", "-")}`;

function buildSettings(): void {
  const tabs = $(".tabs");
  const panels = $("#settings-panels");
  for (const tab of TABS) {
    const button = el("button", {
      type: "button",
      role: "tab",
      id: `tab-${tab.id}`,
      "aria-controls": `panel-${tab.id}`,
    }, tab.label);
    button.addEventListener("click", () => {
      settingsTab = tab.id;
      render();
    });
    tabs.append(button);
    const panel = el("div", { role: "tabpanel", id: `panel-${tab.id}`, class: "panel" });
    for (const control of tab.controls) panel.append(buildControl(control));
    panels.append(panel);
  }
  const bindings = el("div", { class: "bindings" });
  for (const action of ACTIONS) {
    const button = el("button", { type: "button", id: `bind-${action}`, class: "bind" });
    button.addEventListener("click", () => {
      menu.rebinder.start(action);
      setStatus(
        "#settings-status",
        `Press a key or mouse button for ${ACTION_LABELS[action]} (Esc cancels)`,
      );
      render();
    });
    bindings.append(el("label", { class: "row" }, el("span", {}, ACTION_LABELS[action]), button));
  }
  $("#panel-controls").append(el("h3", {}, "Key bindings"), bindings);
  buildAccessibility($("#panel-accessibility"));
  $("#swap-yes").addEventListener("click", () => {
    const conflict = menu.rebinder.conflict;
    menu.rebinder.confirmSwap();
    menu.takeBindings();
    if (conflict) {
      setStatus(
        "#settings-status",
        `${ACTION_LABELS[conflict.action]} is now ${conflict.key}; ${
          ACTION_LABELS[conflict.holder]
        } took its old key`,
      );
    }
    render();
  });
  $("#swap-no").addEventListener("click", () => {
    menu.rebinder.cancel();
    setStatus("#settings-status", "Key not changed");
    render();
  });
}

function buildControl(control: Control): HTMLElement {
  const id = fieldId(control.field);
  let input: HTMLInputElement | HTMLSelectElement;
  if (control.kind === "select") {
    input = el("select", { id, "data-field": control.field });
    for (const [value, text] of control.options) input.append(el("option", { value }, text));
  } else if (control.kind === "range") {
    input = el("input", {
      id,
      type: "range",
      min: String(control.min),
      max: String(control.max),
      step: String(control.step),
      "data-field": control.field,
    });
  } else {
    input = el("input", { id, type: "checkbox", "data-field": control.field });
  }
  input.addEventListener("input", () => {
    let value: unknown;
    if (input instanceof HTMLInputElement && input.type === "checkbox") value = input.checked;
    else if (input instanceof HTMLInputElement) value = Number(input.value);
    else value = input.value;
    try {
      menu.editSetting(control.field, value);
      setStatus("#settings-status", menu.dirty ? "Unsaved changes" : "");
    } catch (e) {
      if (!(e instanceof UiError)) throw e;
      setStatus("#settings-status", e.message, true);
    }
    render();
  });
  const output = control.kind === "range" ? [el("output", { for: id, id: `${id}-value` })] : [];
  return el("label", { class: "row", for: id }, el("span", {}, control.label), input, ...output);
}

function buildAccessibility(panel: HTMLElement): void {
  const mode = el("select", { id: "field-colorMode" });
  for (const m of COLOR_MODES) {
    mode.append(el("option", { value: m }, m.replace(/([a-z])([A-Z])/g, "$1 $2")));
  }
  const scale = el("input", {
    id: "field-uiScale",
    type: "range",
    min: String(MIN_UI_SCALE),
    max: String(MAX_UI_SCALE),
    step: "0.05",
  });
  const large = el("input", { id: "field-largeText", type: "checkbox" });
  const update = () => {
    accessibility = {
      colorMode: mode.value as ColorMode,
      uiScale: Number(scale.value),
      largeText: large.checked,
    };
    demo?.hud.setAccessibility(accessibility);
    render();
  };
  for (const input of [mode, scale, large]) input.addEventListener("input", update);
  panel.append(
    el("label", { class: "row", for: "field-colorMode" }, el("span", {}, "Colour mode"), mode),
    el(
      "label",
      { class: "row", for: "field-uiScale" },
      el("span", {}, "UI scale"),
      scale,
      el("output", { id: "field-uiScale-value", for: "field-uiScale" }),
    ),
    el("label", { class: "row", for: "field-largeText" }, el("span", {}, "Large text"), large),
    el("p", { class: "note" }, "Accessibility options apply at once and last for this visit."),
  );
}

function renderSettings(): void {
  const s = menu.settings;
  for (
    const input of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-field]")
  ) {
    const field = input.dataset.field as SettingField;
    const [section, name] = field.split(".") as [keyof Settings, string];
    const value = (s[section] as unknown as Record<string, unknown>)[name];
    if (input instanceof HTMLInputElement && input.type === "checkbox") {
      input.checked = value as boolean;
    } else {
      const text = Array.isArray(value) ? value.join("x") : String(value);
      if (input.value !== text) input.value = text;
      const out = document.getElementById(`${input.id}-value`);
      if (out) {
        out.textContent = field === "controls.mouseSensitivity" ? Number(value).toFixed(1) : text;
      }
    }
  }
  for (const action of ACTIONS) {
    const button = $(`#bind-${action}`);
    const waiting = menu.rebinder.waiting === action;
    button.textContent = waiting ? "Press a key…" : s.controls.bindings[action];
    button.classList.toggle("waiting", waiting);
  }
  const conflict = menu.rebinder.conflict;
  const swap = $("#swap-confirm");
  swap.hidden = conflict === null;
  if (conflict) {
    swap.querySelector(".message")!.textContent = `${conflict.key} is already bound to ${
      ACTION_LABELS[conflict.holder]
    }. Swap the keys of ${ACTION_LABELS[conflict.action]} and ${ACTION_LABELS[conflict.holder]}?`;
  }
  for (const tab of TABS) {
    $(`#tab-${tab.id}`).setAttribute("aria-selected", String(tab.id === settingsTab));
    $(`#panel-${tab.id}`).hidden = tab.id !== settingsTab;
  }
  ($("#field-colorMode") as HTMLSelectElement).value = accessibility.colorMode;
  ($("#field-uiScale") as HTMLInputElement).value = String(accessibility.uiScale);
  $("#field-uiScale-value").textContent = `${accessibility.uiScale.toFixed(2)}×`;
  ($("#field-largeText") as HTMLInputElement).checked = accessibility.largeText;
  $("#apply").toggleAttribute("data-dirty", menu.dirty);
}

// ---------------------------------------------------------------- HUD

const ITEMS: Tooltip[] = [
  {
    title: "Iron Sword",
    rarity: "common",
    description: "A plain, reliable blade.",
    stats: [{ label: "Damage", value: 12 }, { label: "Speed", value: 1.1 }],
  },
  {
    title: "Healing Potion",
    rarity: "uncommon",
    description: "Restores 40 health.",
    stats: [{ label: "Heal", value: 40 }],
  },
  {
    title: "Amulet of the Fen",
    rarity: "rare",
    description: "Cold to the touch; hums near water.",
    stats: [{ label: "Mana", value: 25, delta: 10 }, { label: "Armor", value: 4, delta: -1 }],
  },
];

/** "Amulet of the Fen" -> "AF": the first letters of the first and last words. */
const initials = (title: string) => {
  const words = title.split(" ");
  return words.length === 1 ? words[0][0] : words[0][0] + words[words.length - 1][0];
};

function buildHud(): void {
  const hotbar = $("#hotbar");
  ITEMS.forEach((item, i) => {
    const slot = el("button", {
      type: "button",
      class: `item ${item.rarity}`,
      "data-item": String(i),
    }, initials(item.title));
    slot.setAttribute("aria-label", item.title);
    const show = () => {
      const rect = slot.getBoundingClientRect();
      if (demo) demo.hud.tooltip = { tooltip: item, x: rect.left + rect.width / 2, y: rect.top };
    };
    slot.addEventListener("pointerenter", show);
    slot.addEventListener("focus", show);
    for (const type of ["pointerleave", "blur"]) {
      slot.addEventListener(type, () => {
        if (demo) demo.hud.tooltip = null;
      });
    }
    hotbar.append(slot);
  });
  $("#zoom-in").addEventListener(
    "click",
    () => demo?.hud.minimap.setZoom(demo.hud.minimap.zoom + 0.25),
  );
  $("#zoom-out").addEventListener(
    "click",
    () => demo?.hud.minimap.setZoom(demo.hud.minimap.zoom - 0.25),
  );
  $("#minimap").addEventListener("wheel", (event) => {
    event.preventDefault();
    demo?.hud.minimap.setZoom(demo.hud.minimap.zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
  }, { passive: false });
  $("#minimap svg").addEventListener("click", (event) => {
    if (!demo) return;
    const svg = event.currentTarget as SVGSVGElement;
    const rect = svg.getBoundingClientRect();
    const x = ((event.clientX - rect.left) / rect.width) * 150;
    const y = ((event.clientY - rect.top) / rect.height) * 150;
    const world = demo.hud.minimap.toWorld(x, y);
    demo.hud.minimap.ping(world.x, world.y);
  });
}

function buildActors(): void {
  const layer = $("#actors");
  layer.replaceChildren();
  if (!demo) return;
  for (const actor of demo.actors) {
    layer.append(
      el(
        "div",
        { class: `actor ${actor.faction.toLowerCase()}`, "data-actor": String(actor.id) },
        el("span", {}, actor.name),
      ),
    );
  }
}

function resizeScene(): void {
  const scene = $("#scene");
  demo?.resize(scene.clientWidth, scene.clientHeight);
}

function renderBar(
  id: string,
  bar: { shown: number; max: number; fraction: number; flash: number },
  color: string,
): void {
  const node = $(id);
  const fill = node.querySelector<HTMLElement>(".fill")!;
  fill.style.width = `${(bar.fraction * 100).toFixed(2)}%`;
  fill.style.background = color;
  node.querySelector<HTMLElement>(".flash")!.style.opacity = bar.flash.toFixed(3);
  node.querySelector(".text")!.textContent = `${Math.round(bar.shown)} / ${bar.max}`;
  node.setAttribute("aria-valuenow", String(Math.round(bar.shown)));
  node.setAttribute("aria-valuemax", String(bar.max));
}

/** Keeps one child per key in `layer`, creating and removing as needed. */
function keyed(
  layer: HTMLElement | SVGElement,
  keys: Set<string>,
  create: (key: string) => Element,
): Map<string, Element> {
  const present = new Map<string, Element>();
  for (const child of [...layer.children]) {
    const key = (child as HTMLElement).dataset.key!;
    if (keys.has(key)) present.set(key, child);
    else child.remove();
  }
  for (const key of keys) {
    if (!present.has(key)) {
      const node = create(key);
      (node as HTMLElement).dataset.key = key;
      layer.append(node);
      present.set(key, node);
    }
  }
  return present;
}

function renderHud(): void {
  if (!demo) return;
  const { hud } = demo;
  const palette = PALETTES[accessibility.colorMode];
  const health = hud.player.health;
  renderBar("#bar-health", health, health.fraction < 0.3 ? palette.healthLow : palette.health);
  renderBar("#bar-mana", hud.player.mana, palette.mana);
  renderBar("#bar-stamina", hud.player.stamina, palette.stamina);

  for (const actor of demo.actors) {
    const node = document.querySelector<HTMLElement>(`[data-actor="${actor.id}"]`);
    if (!node) continue;
    const { x, y } = demo.screenOf(actor);
    node.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
    node.classList.toggle("down", actor.respawn > 0);
    node.style.background =
      palette[actor.faction.toLowerCase() as "hostile" | "neutral" | "friendly"];
  }

  const enemies = hud.enemies.all;
  const bars = keyed(
    $("#enemy-bars"),
    new Set(enemies.map((e) => String(e.id))),
    () => el("div", { class: "enemy-bar" }, el("span", { class: "fill" })),
  );
  for (const enemy of enemies) {
    const node = bars.get(String(enemy.id)) as HTMLElement;
    node.style.transform = `translate(${(enemy.x - 30).toFixed(1)}px, ${enemy.y.toFixed(1)}px)`;
    const fill = node.firstElementChild as HTMLElement;
    fill.style.width = `${(enemy.bar.fraction * 100).toFixed(1)}%`;
    fill.style.background =
      palette[enemy.faction.toLowerCase() as "hostile" | "neutral" | "friendly"];
  }

  const numbers = hud.damageNumbers;
  const views = Array.from({ length: numbers.count }, (_, i) => numbers.at(i));
  const numberNodes = keyed(
    $("#damage-numbers"),
    new Set(views.map((v) => String(v.id))),
    () => el("span", { class: "damage-number" }),
  );
  for (const view of views) {
    const node = numberNodes.get(String(view.id)) as HTMLElement;
    node.textContent = view.kind === "heal" ? `+${view.value}` : String(view.value);
    node.className = `damage-number ${view.kind}`;
    node.style.color = palette[view.kind === "critical" ? "critical" : view.kind];
    node.style.opacity = view.alpha.toFixed(3);
    node.style.transform = `translate(${view.x.toFixed(1)}px, ${
      view.y.toFixed(1)
    }px) translate(-50%, -50%) scale(${view.scale.toFixed(2)})`;
  }

  const notes = hud.notifications.list;
  const noteNodes = keyed(
    $("#notifications"),
    new Set(notes.map((n) => String(n.id))),
    () => el("div", { class: "notification" }),
  );
  for (const note of notes) {
    const node = noteNodes.get(String(note.id)) as HTMLElement;
    node.textContent = note.text;
    node.className = `notification ${note.kind}`;
    node.style.opacity = note.alpha.toFixed(3);
    node.style.transform = `translateX(${(note.offset * 110).toFixed(1)}%)`;
  }

  const tracker = $("#quest-tracker");
  tracker.hidden = !hud.visible.questTracker;
  const questKey = hud.quests.quests.map((q) =>
    `${q.id}:${q.objectives.map((o) => o.current).join(",")}`
  ).join("|");
  if (tracker.dataset.key !== questKey) {
    tracker.dataset.key = questKey;
    tracker.replaceChildren(
      ...hud.quests.quests.map((quest) =>
        el(
          "section",
          { class: "quest" },
          el("h2", {}, quest.title),
          el(
            "ul",
            {},
            ...quest.objectives.map((o) =>
              el(
                "li",
                { class: o.current >= o.target ? "done" : "" },
                el("span", {}, `${o.text} ${o.current}/${o.target}`),
                el("progress", { max: String(o.target), value: String(o.current) }),
              )
            ),
          ),
        )
      ),
    );
  }

  const map = hud.minimap;
  $("#zoom-level").textContent = `${map.zoom.toFixed(2).replace(/0$/, "")}×`;
  const pois = keyed(
    $("#minimap-pois") as unknown as HTMLElement,
    new Set(map.pois.map((p) => String(p.id))),
    () => {
      const circle = document.createElementNS(SVG, "circle");
      circle.setAttribute("r", "4");
      circle.append(document.createElementNS(SVG, "title"));
      return circle;
    },
  );
  for (const poi of map.pois) {
    const node = pois.get(String(poi.id))!;
    node.setAttribute("cx", poi.mapX.toFixed(1));
    node.setAttribute("cy", poi.mapY.toFixed(1));
    node.setAttribute("class", `poi ${poi.kind}${poi.offMap ? " edge" : ""}`);
    node.firstElementChild!.textContent = poi.label;
  }
  const pingLayer = $("#minimap-pings") as unknown as HTMLElement;
  pingLayer.replaceChildren();
  const scale = map.zoom / 5;
  for (const ping of map.pings) {
    const ring = document.createElementNS(SVG, "circle");
    ring.setAttribute("class", "ping");
    ring.setAttribute("cx", (75 + (ping.x - map.playerX) * scale).toFixed(1));
    ring.setAttribute("cy", (75 + (ping.y - map.playerY) * scale).toFixed(1));
    ring.setAttribute("r", (3 + ping.age * 6).toFixed(1));
    ring.setAttribute("opacity", (1 - ping.age / 3).toFixed(2));
    pingLayer.append(ring);
  }
  $("#minimap-player").setAttribute(
    "transform",
    `rotate(${(map.heading * 180 / Math.PI).toFixed(1)} 75 75)`,
  );

  const dialogue = $("#dialogue");
  const runner = hud.dialogue;
  dialogue.hidden = !hud.visible.dialogue || runner === null || runner.current === null;
  if (runner?.current) {
    const node = runner.current;
    const key = runner.history.join(">");
    if (dialogue.dataset.key !== key) {
      dialogue.dataset.key = key;
      dialogue.querySelector(".speaker")!.textContent = node.speaker;
      dialogue.querySelector(".line")!.textContent = node.text;
      const choices = node.choices.length > 0 ? node.choices.map((c) => c.text) : ["Continue"];
      dialogue.querySelector(".choices")!.replaceChildren(
        ...choices.map((text, i) => {
          const button = el("button", { type: "button", class: "choice" }, `${i + 1}. ${text}`);
          button.addEventListener("click", () => demo?.choose(i));
          return button;
        }),
      );
    }
  }

  const tooltip = $("#tooltip");
  tooltip.hidden = hud.tooltip === null;
  if (hud.tooltip) {
    const { tooltip: tip, x, y } = hud.tooltip;
    if (tooltip.dataset.key !== tip.title) {
      tooltip.dataset.key = tip.title;
      tooltip.replaceChildren(
        el("strong", { class: tip.rarity }, tip.title),
        el("p", {}, tip.description),
        ...tip.stats.map((s) =>
          el("p", {
            class: `stat${(s.delta ?? 0) < 0 ? " worse" : (s.delta ?? 0) > 0 ? " better" : ""}`,
          }, statText(s))
        ),
      );
    }
    const box = layoutTooltip(tip, x, y - 40, innerWidth, innerHeight, {
      charWidth: 7.5,
      lineHeight: 20,
    });
    tooltip.style.transform = `translate(${box.x.toFixed(0)}px, ${box.y.toFixed(0)}px)`;
    tooltip.style.width = `${box.width}px`;
  }
  const b = menu.baseline.controls.bindings;
  $("#hint").textContent = `Esc pause · ${b.attack} attack · ${b.interact} talk`;
}

// ---------------------------------------------------------------- render

function render(): void {
  const state = menu.exitRequested ? "Exit" : menu.state;
  const app = $("#app");
  app.dataset.state = state;
  app.dataset.slots = slotsMode ?? "";
  app.dataset.quality = menu.baseline.graphics.quality;
  app.dataset.sfxGain = effectiveVolume(menu.settings.audio, "sfx").toFixed(2);
  $("#menu-main").hidden = state !== "MainMenu" || slotsMode !== null;
  $("#menu-pause").hidden = state !== "PauseMenu" || slotsMode !== null;
  $("#menu-settings").hidden = state !== "SettingsMenu";
  $("#slots").hidden = slotsMode === null || state === "SettingsMenu" || state === "Exit";
  $("#exit").hidden = state !== "Exit";
  $("#hud").hidden = demo === null || state === "MainMenu" || state === "Exit" ||
    (state === "SettingsMenu" && menu.previousState === "MainMenu");
  $("#player-avatar").hidden = $("#hud").hidden;
  for (const layer of ["#actors", "#enemy-bars", "#damage-numbers"]) {
    $(layer).hidden = $("#hud").hidden;
  }
  const palette = PALETTES[accessibility.colorMode];
  const root = document.documentElement.style;
  root.setProperty("--ui-scale", String(accessibility.uiScale));
  root.setProperty("--text-scale", String(accessibility.largeText ? 1.25 : 1));
  root.setProperty("--panel", palette.panel);
  root.setProperty("--text", palette.text);
  app.classList.toggle("high-contrast", accessibility.colorMode === "HighContrast");
  if (state === "SettingsMenu") renderSettings();
  // Keyboard and gamepad users land on the first button of each screen they open.
  const focusKey = `${state}/${slotsMode}`;
  if (focusKey !== lastFocusState) {
    lastFocusState = focusKey;
    const screen = document.querySelector<HTMLElement>(".menu:not([hidden])");
    screen?.querySelector<HTMLElement>("button:not([disabled]), [role=tab]")?.focus();
  }
}

// ---------------------------------------------------------------- input

function capture(key: string): void {
  const result = menu.rebinder.capture(key);
  if (result.status === "bound") {
    menu.takeBindings();
    setStatus("#settings-status", `${ACTION_LABELS[result.action]} is now ${result.key}`);
  } else if (result.status === "refused") {
    setStatus("#settings-status", result.reason, true);
  } else if (result.status === "conflict") {
    setStatus(
      "#settings-status",
      `${result.key} is already bound to ${ACTION_LABELS[result.holder]}`,
      true,
    );
  }
  render();
}

function gameKey(key: string): void {
  if (!demo || menu.state !== "None") return;
  const bindings = menu.baseline.controls.bindings;
  if (key === bindings.attack) {
    blip(180, 0.08);
    demo.attack();
  } else if (key === bindings.interact) demo.interact();
}

function escape(): void {
  if (slotsMode !== null) {
    slotsMode = null;
  } else if (menu.state !== "MainMenu") {
    menu.escape();
  }
  render();
}

addEventListener("keydown", (event) => {
  if (menu.rebinder.waiting !== null) {
    event.preventDefault();
    if (event.code === "Escape") {
      menu.rebinder.cancel();
      setStatus("#settings-status", "Rebinding cancelled");
      render();
    } else {
      capture(keyNameFromCode(event.code));
    }
    return;
  }
  if (event.code === "Escape") {
    event.preventDefault();
    if (menu.rebinder.conflict) {
      menu.rebinder.cancel();
      render();
    } else {
      escape();
    }
    return;
  }
  if (menu.state === "None" && !event.repeat) {
    const dialogue = demo?.hud.dialogue;
    const digit = /^Digit([1-9])$/.exec(event.code);
    if (dialogue && digit) {
      demo!.choose(Number(digit[1]) - 1);
      return;
    }
    gameKey(keyNameFromCode(event.code));
  }
});

addEventListener("mousedown", (event) => {
  if (menu.rebinder.waiting !== null) {
    event.preventDefault();
    capture(mouseButtonName(event.button));
    return;
  }
  if (menu.state === "None" && event.target instanceof Element && event.target.closest("#scene")) {
    gameKey(mouseButtonName(event.button));
  }
});
addEventListener("contextmenu", (event) => {
  if (menu.state === "None" || menu.rebinder.waiting !== null) event.preventDefault();
});

document.addEventListener("click", (event) => {
  const button = (event.target as Element).closest<HTMLElement>("[data-action]");
  if (button) {
    blip(660);
    void act(button.dataset.action as MenuAction);
  }
});
$("#slots-close").addEventListener("click", () => {
  slotsMode = null;
  render();
});
addEventListener("resize", resizeScene);

// Gamepad (standard mapping): Start pauses, South confirms, East cancels, the d-pad or the left
// stick (past a 0.3 dead zone) moves the focus, repeating every 0.2 s while held. In game, South
// attacks and West talks.
const DEADZONE = 0.3;
const REPEAT_SECONDS = 0.2;
let padButtons: boolean[] = [];
let padRepeat = 0;

function moveFocus(step: number): void {
  const screen = document.querySelector(".menu:not([hidden])");
  if (!screen) return;
  const items = [...screen.querySelectorAll<HTMLElement>("button:not([disabled]), input, select")]
    .filter((n) => n.offsetParent !== null);
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  items[(at + step + items.length) % items.length].focus();
}

function pollGamepad(dt: number): void {
  const pad = navigator.getGamepads?.().find((p) => p !== null);
  if (!pad) return;
  const pressed = pad.buttons.map((b) => b.pressed);
  const edge = (i: number) => pressed[i] && !padButtons[i];
  if (edge(9)) escape();
  if (menu.state === "None") {
    if (edge(0)) demo?.attack();
    if (edge(2)) demo?.interact();
  } else {
    if (edge(0)) (document.activeElement as HTMLElement | null)?.click();
    if (edge(1)) {
      // East is "cancel": close the slots, leave the settings, or resume from the pause menu.
      if (slotsMode !== null) slotsMode = null;
      else if (menu.state === "SettingsMenu") void act("Back");
      else if (menu.state === "PauseMenu") menu.escape();
      render();
    }
    const y = pad.axes[1] ?? 0;
    const direction = pressed[12] || y < -DEADZONE ? -1 : pressed[13] || y > DEADZONE ? 1 : 0;
    if (direction === 0) padRepeat = 0;
    else if (padRepeat <= 0) {
      moveFocus(direction);
      padRepeat = REPEAT_SECONDS;
    } else padRepeat -= dt;
  }
  padButtons = pressed;
}

// ---------------------------------------------------------------- start

let last = performance.now();
function frame(now: number): void {
  const dt = Math.min(0.1, (now - last) / 1000);
  last = now;
  pollGamepad(dt);
  if (demo && menu.state === "None") demo.update(dt);
  if (demo) renderHud();
  requestAnimationFrame(frame);
}

async function start(): Promise<void> {
  buildSettings();
  buildHud();
  try {
    const loaded = await api<{ settings: unknown; warnings: string[] }>("GET", "/api/settings");
    menu.loadSettings(parseSettings(loaded.settings));
    if (loaded.warnings.length > 0) {
      setStatus(
        "#settings-status",
        `The settings file had problems: ${loaded.warnings.join("; ")}`,
        true,
      );
    }
  } catch (e) {
    setStatus("#settings-status", `Settings not loaded: ${(e as Error).message}`, true);
  }
  render();
  requestAnimationFrame(frame);
}

void start();
