/**
 * The `ui` page in a real browser: Debian's chromium (never a downloaded one) driven by
 * playwright-core, against `scripts/ui.ts` serving from temporary settings and save directories.
 * Escape pauses and resumes; a settings change applied survives a reload and is in the TOML file;
 * Cancel reverts; rebinding captures a key and refuses a duplicate until a swap is confirmed;
 * saving and loading a slot works; the gamepad pauses, resumes and moves the focus; damage numbers appear and disappear; nothing errors or leaves
 * the server; the page fits 1280 and 390 wide. Screenshots for a person to look at go to
 * `reports/ui-*.png` (not committed).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import { REPO, startServer } from "./ui/test_server.ts";
import { launchChromium } from "./browser_testing.ts";

/**
 * Waits until `check` holds, polling from here: the page's Content-Security-Policy forbids the
 * string evaluation that playwright's waitForFunction uses.
 */
async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

Deno.test("ui page in chromium: menus, settings round trip, rebinding, saves, HUD, two widths", async () => {
  await withTempDir(async (dir) => {
    const server = await startServer(dir);
    const settingsFile = join(dir, "config", "astraweave", "settings.toml");
    const context = await launchChromium(join(dir, "profile"), { width: 1280, height: 720 });
    const shots = join(REPO, "reports");
    await Deno.mkdir(shots, { recursive: true });
    try {
      const page = context.pages()[0] ?? await context.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("request", (r) => {
        if (!r.url().startsWith(server.url)) {
          problems.push(`request outside the server: ${r.url()}`);
        }
      });
      const state = () => page.getAttribute("#app", "data-state");
      const visible = (selector: string) => page.isVisible(selector);

      // A stand-in for the Gamepad API (standard mapping) that the test presses buttons on.
      await page.addInitScript(`{
        const pad = { id: "test pad", index: 0, connected: true, mapping: "standard", timestamp: 0,
          axes: [0, 0, 0, 0], buttons: Array.from({ length: 17 }, () => ({ pressed: false, value: 0 })) };
        globalThis.testPad = pad;
        navigator.getGamepads = () => [pad, null, null, null];
      }`);
      // The page reads the pad once per animation frame: hold each button for two frames.
      const frames = () =>
        page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");
      const padPress = async (button: number) => {
        await page.evaluate(`testPad.buttons[${button}].pressed = true`);
        await frames();
        await page.evaluate(`testPad.buttons[${button}].pressed = false`);
        await frames();
      };
      const focused = () => page.evaluate<string>("document.activeElement?.textContent ?? ''");
      await page.goto(server.url);
      await page.waitForSelector("#menu-main:not([hidden])");
      assert.equal(await state(), "MainMenu");
      // The first button has the focus: Enter starts a game from the keyboard alone.
      assert.equal(await focused(), "New Game");
      await page.screenshot({ path: join(shots, "ui-main-menu.png") });

      // Escape does nothing in the main menu; in game it toggles the pause menu.
      await page.keyboard.press("Escape");
      assert.equal(await state(), "MainMenu");
      await page.keyboard.press("Enter");
      assert.equal(await state(), "None");
      assert.ok(await visible("#hud"));
      await page.keyboard.press("Escape");
      assert.equal(await state(), "PauseMenu");
      assert.ok(await visible("#menu-pause"));
      await page.keyboard.press("Escape");
      assert.equal(await state(), "None");
      assert.ok(!(await visible("#menu-pause")));

      // Settings from the pause menu: the music slider by keyboard, Apply, in the TOML file.
      await page.keyboard.press("Escape");
      await page.click("#menu-pause [data-action=Settings]");
      assert.equal(await state(), "SettingsMenu");
      await page.click("#tab-audio");
      const music = page.locator("#field-audio-musicVolume");
      assert.equal(await music.inputValue(), "80");
      await music.focus();
      for (let i = 0; i < 45; i++) await page.keyboard.press("ArrowLeft");
      assert.equal(await music.inputValue(), "35");
      assert.equal(await page.textContent("#field-audio-musicVolume-value"), "35");
      await page.click("#apply");
      await page.waitForSelector("#settings-status:text('Settings saved')");
      const toml = await Deno.readTextFile(settingsFile);
      assert.match(toml, /^music_volume = 35$/m);
      assert.match(toml, /^version = 1$/m);

      // The effects volume is applied (here, to the menu's sounds): muting it silences them.
      assert.equal(await page.getAttribute("#app", "data-sfx-gain"), "0.90");
      await page.check("#field-audio-sfxMute");
      assert.equal(await page.getAttribute("#app", "data-sfx-gain"), "0.00");
      await page.uncheck("#field-audio-sfxMute");

      // Cancel reverts an unapplied change to the applied value.
      await music.focus();
      await page.keyboard.press("End");
      assert.equal(await music.inputValue(), "100");
      await page.click("#cancel");
      assert.equal(await music.inputValue(), "35");

      // Rebinding: capture a free key; a key bound elsewhere is refused until the swap is confirmed.
      await page.click("#tab-controls");
      await page.click("#bind-jump");
      assert.equal(await page.textContent("#bind-jump"), "Press a key…");
      await page.keyboard.press("KeyJ");
      assert.equal(await page.textContent("#bind-jump"), "J");
      await page.click("#bind-interact");
      await page.keyboard.press("KeyW");
      assert.ok(await visible("#swap-confirm"));
      assert.match(
        await page.textContent("#swap-confirm .message") ?? "",
        /W is already bound to Move forward/,
      );
      assert.equal(await page.textContent("#bind-interact"), "E");
      await page.click("#swap-no");
      assert.equal(await page.textContent("#bind-interact"), "E");
      assert.equal(await page.textContent("#bind-moveForward"), "W");
      await page.click("#bind-interact");
      await page.keyboard.press("KeyW");
      await page.click("#swap-yes");
      assert.equal(await page.textContent("#bind-interact"), "W");
      assert.equal(await page.textContent("#bind-moveForward"), "E");
      await page.click("#bind-sprint");
      await page.keyboard.press("Escape"); // cancels the capture, does not leave the screen
      assert.equal(await state(), "SettingsMenu");
      assert.equal(await page.textContent("#bind-sprint"), "LShift");
      await page.screenshot({ path: join(shots, "ui-settings-controls.png") });
      await page.click("#apply");
      await page.waitForSelector("#settings-status:text('Settings saved')");
      assert.match(await Deno.readTextFile(settingsFile), /^jump = "J"$/m);
      await page.click("#tab-audio");
      await page.screenshot({ path: join(shots, "ui-settings-audio.png") });

      // Back to the pause menu; save to slot 2; the slot lists its date.
      await page.click("#back");
      assert.equal(await state(), "PauseMenu");
      await page.click("#menu-pause [data-action=SaveGame]");
      await page.click("#slot-list [data-slot='1']");
      await page.waitForSelector("#slots-status:text('Saved to slot 2')");
      const date = await page.textContent("#slot-list [data-slot='1'] .slot-date");
      assert.notEqual(date, "empty");
      assert.equal(await page.textContent("#slot-list [data-slot='0'] .slot-date"), "empty");
      await page.click("#slots-close");

      // In game: the attack binding (Mouse0) on the scene spawns a damage number that rises, fades
      // and goes away within its 1.5 s life.
      await page.keyboard.press("Escape");
      assert.equal(await state(), "None");
      const newest = () =>
        page.$$eval(
          "#damage-numbers > *",
          (nodes) => Math.max(0, ...nodes.map((n) => Number(n.getAttribute("data-key")))),
        );
      const before = await newest();
      await page.mouse.click(640, 360);
      await until(async () => (await newest()) > before);
      const spawned = await newest();
      await page.waitForSelector(`#damage-numbers > [data-key="${spawned}"]`, {
        state: "detached",
        timeout: 15_000, // 1.5 s of game time; slow frames on a loaded machine stretch it
      });
      // A few more seconds of the demo: health lost, numbers in the air, pings on the minimap.
      await page.mouse.click(640, 360);
      await page.waitForTimeout(2500);
      await page.mouse.click(640, 360);
      await page.hover("#hotbar [data-item='2']");
      await frames();
      assert.ok(await visible("#tooltip"));
      assert.match(await page.textContent("#tooltip") ?? "", /Amulet of the Fen.*Mana 25 \(\+10\)/);
      await page.screenshot({ path: join(shots, "ui-hud.png") });

      // Accessibility: a colour mode and a larger UI scale apply to the HUD at once.
      await page.keyboard.press("Escape");
      await page.click("#menu-pause [data-action=Settings]");
      await page.click("#tab-accessibility");
      await page.selectOption("#field-colorMode", "Deuteranopia");
      await page.locator("#field-uiScale").focus();
      for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
      assert.equal(await page.textContent("#field-uiScale-value"), "1.30×");
      await page.check("#field-largeText");
      await page.click("#back");
      await page.keyboard.press("Escape");
      await frames();
      const healthColour = await page.evaluate<string>(
        `getComputedStyle(document.querySelector("#bar-health .fill")).backgroundColor`,
      );
      assert.equal(healthColour, "rgb(61, 143, 224)"); // the deuteranopia palette's health
      const barWidth = await page.$eval("#player-bars", (n) => n.getBoundingClientRect().width);
      assert.equal(Math.round(barWidth), 260); // 200 px × 1.3
      await page.screenshot({ path: join(shots, "ui-hud-accessibility.png") });
      await page.keyboard.press("Escape");
      await page.click("#menu-pause [data-action=Settings]");
      await page.click("#tab-accessibility");
      await page.selectOption("#field-colorMode", "Normal");
      await page.locator("#field-uiScale").focus();
      for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowLeft");
      await page.uncheck("#field-largeText");
      await page.click("#back");
      await page.keyboard.press("Escape");
      assert.equal(await page.textContent("#hint"), "Esc pause · Mouse0 attack · W talk");

      // The applied music volume and bindings survive a reload (read back from the TOML file).
      await page.reload();
      await page.waitForSelector("#menu-main:not([hidden])");
      await page.click("#menu-main [data-action=Settings]");
      await page.click("#tab-audio");
      assert.equal(await page.inputValue("#field-audio-musicVolume"), "35");
      await page.click("#tab-controls");
      assert.equal(await page.textContent("#bind-jump"), "J");
      await page.click("#back");
      assert.equal(await state(), "MainMenu");

      // Load slot 2 from the main menu: into the game.
      await page.click("#menu-main [data-action=LoadGame]");
      assert.ok(await page.isDisabled("#slot-list [data-slot='0']"));
      await page.click("#slot-list [data-slot='1']");
      await until(async () => (await state()) === "None");
      await page.waitForSelector(".notification:text('Game loaded')");

      // Gamepad: Start pauses, East resumes, the d-pad moves the focus, South presses.
      await padPress(9);
      assert.equal(await state(), "PauseMenu");
      await padPress(1);
      assert.equal(await state(), "None");
      await padPress(9);
      assert.equal(await focused(), "Resume");
      await padPress(13);
      assert.equal(await focused(), "Save Game");
      await padPress(12);
      assert.equal(await focused(), "Resume");
      await padPress(0);
      assert.equal(await state(), "None");

      // Phone width: nothing sticks out sideways, in game and in the menus.
      await page.setViewportSize({ width: 390, height: 844 });
      await frames();
      // Elements of the HUD or the open menu that stick out of the view (numbers and enemy bars
      // follow the scene and may leave it).
      const overflow = () =>
        page.evaluate<string[]>(`[...document.querySelectorAll("#hud *, .menu:not([hidden]) *")]
          // Damage numbers and enemy bars follow the scene; notifications slide in from the edge.
          .filter((n) => n.offsetParent !== null && !n.closest("#damage-numbers, #enemy-bars, #notifications"))
          .filter((n) => {
            const r = n.getBoundingClientRect();
            return r.right > innerWidth + 0.5 || r.left < -0.5;
          })
          .map((n) => n.id || n.className || n.tagName)`);
      assert.deepEqual(await overflow(), []);
      await page.screenshot({ path: join(shots, "ui-hud-phone.png") });
      await page.keyboard.press("Escape");
      await page.click("#menu-pause [data-action=Settings]");
      await page.click("#tab-controls");
      assert.deepEqual(await overflow(), []);
      await page.screenshot({ path: join(shots, "ui-settings-phone.png") });
      await page.click("#back");
      await page.click("#menu-pause [data-action=Quit]");
      assert.equal(await state(), "MainMenu");
      assert.deepEqual(await overflow(), []);
      await page.screenshot({ path: join(shots, "ui-main-menu-phone.png") });
      await page.click("#menu-main [data-action=Quit]");
      assert.equal(await state(), "Exit");

      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
