/**
 * The `ui` page's server: the static page, its script (the page's TypeScript bundled once at start
 * with Deno's built-in bundler), and a small JSON API over the settings file and the save slots.
 * It listens on 127.0.0.1 only and answers only requests whose Host is that address or localhost,
 * so another site cannot reach the API through DNS rebinding. The page's Content-Security-Policy
 * allows nothing but this server.
 *
 * API:
 * - `GET /api/settings`: `{settings, source, warnings, path}` from the TOML file.
 * - `PUT /api/settings`: a whole settings object; validated, saved, echoed. 400 `{error, field}`
 *   when invalid (nothing is written then).
 * - `GET /api/saves`: `{slots: [{slot, savedAt, file} | null, ...]}`.
 * - `POST /api/saves/<slot>`: `{tick, state, meta}` (state any JSON); saved; the slot's details.
 * - `GET /api/saves/<slot>`: `{tick, state, meta, info}`. 404 for an empty slot.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import {
  parseSettings,
  SaveSlots,
  type SettingsStore,
  type SlotInfo,
  UiError,
} from "@astraweave/ui";
import { SaveError } from "@astraweave/save";

/** What the server serves from. */
export interface UiServerOptions {
  /** The port (0: any free port). */
  port: number;
  /** The settings file. */
  store: SettingsStore;
  /** The save slots. */
  slots: SaveSlots;
  /** Called with warnings from loading the settings file (printed by the command). */
  onWarning?: (message: string) => void;
}

/** A running server. */
export interface UiServer {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** Stops it. */
  shutdown(): Promise<void>;
}

const ASSETS = new URL("./", import.meta.url);
const MAX_BODY = 64 * 1024;
/**
 * Deepest nesting of a request body. A save's state 10,000 arrays deep was stored, and then every
 * GET of its slot overflowed the stack turning it back into JSON (a 500): a save that cannot be
 * read is lost.
 */
const MAX_BODY_DEPTH = 256;

/** How deep arrays and objects nest in JSON text (brackets inside strings do not count). */
function nestingDepth(text: string): number {
  let depth = 0, deepest = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

type BundleApi = (options: {
  entrypoints: string[];
  platform: "browser";
  write: false;
  minify?: boolean;
}) => Promise<{
  success: boolean;
  errors: { text: string }[];
  outputFiles?: { text(): string }[];
}>;

/** Bundles the page's script with `Deno.bundle` (run with `--unstable-bundle`). */
export async function bundlePage(): Promise<string> {
  const bundle = (Deno as unknown as { bundle?: BundleApi }).bundle;
  if (typeof bundle !== "function") {
    throw new Error("Deno.bundle is not available: run with --unstable-bundle");
  }
  const result = await bundle({
    entrypoints: [fileURLToPath(new URL("app.ts", ASSETS))],
    platform: "browser",
    write: false,
  });
  const text = result.outputFiles?.[0]?.text();
  if (!result.success || text === undefined) {
    throw new Error(`bundling the page failed: ${result.errors.map((e) => e.text).join("; ")}`);
  }
  return text;
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

const slotJson = (info: SlotInfo | null) =>
  info && { slot: info.slot, savedAt: info.savedAt.toISOString(), file: info.file };

async function readBody(request: Request): Promise<unknown> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY) {
    throw new UiError("invalid_action", "the request body is too large");
  }
  const text = await request.text();
  if (text.length > MAX_BODY) throw new UiError("invalid_action", "the request body is too large");
  if (nestingDepth(text) > MAX_BODY_DEPTH) {
    throw new UiError("invalid_action", `the request body nests deeper than ${MAX_BODY_DEPTH}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UiError("invalid_action", "the request body is not JSON");
  }
}

/**
 * A save's metadata from a request: an object of strings, numbers and booleans. String() of an
 * object threw a TypeError for `{"toString": 1}` (a 500), and assigning a `__proto__` key to a
 * plain object dropped it; fromEntries keeps every key as the save's own.
 */
function metaOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new UiError("invalid_action", "meta must be an object");
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (typeof item !== "string" && typeof item !== "number" && typeof item !== "boolean") {
        throw new UiError("invalid_action", `meta.${key} must be a string, number or boolean`);
      }
      return [key, String(item)];
    }),
  );
}

/** Starts the server; resolves once it listens. */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const [html, css, script] = await Promise.all([
    Deno.readTextFile(new URL("index.html", ASSETS)),
    Deno.readTextFile(new URL("style.css", ASSETS)),
    bundlePage(),
  ]);
  const { store, slots } = options;
  let port = options.port;

  const page = (body: string, type: string): Response =>
    new Response(body, {
      headers: {
        "content-type": `${type}; charset=utf-8`,
        "content-security-policy": CSP,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });

  async function api(method: string, path: string, request: Request): Promise<Response> {
    if (path === "/api/settings") {
      if (method === "GET") {
        const loaded = await store.load();
        for (const w of loaded.warnings) options.onWarning?.(w);
        return json({ ...loaded, path: store.path });
      }
      if (method === "PUT") {
        const settings = parseSettings(await readBody(request));
        await store.save(settings);
        return json({ settings, path: store.path });
      }
      return json({ error: `${method} is not allowed here` }, 405);
    }
    if (path === "/api/saves" && method === "GET") {
      return json({ slots: (await slots.list()).map(slotJson) });
    }
    const match = /^\/api\/saves\/(\d{1,3})$/.exec(path);
    if (match) {
      const slot = Number(match[1]);
      if (method === "POST") {
        const body = await readBody(request) as { tick?: unknown; state?: unknown; meta?: unknown };
        const tick = body?.tick;
        if (!Number.isSafeInteger(tick) || (tick as number) < 0) {
          throw new UiError("invalid_action", "tick must be a non-negative integer");
        }
        const meta = metaOf(body.meta);
        const info = await slots.save(slot, {
          tick: BigInt(tick as number),
          state: new TextEncoder().encode(JSON.stringify(body.state ?? null)),
          meta,
        });
        return json(slotJson(info));
      }
      if (method === "GET") {
        const loaded = await slots.load(slot);
        return json({
          tick: Number(loaded.tick),
          state: JSON.parse(new TextDecoder().decode(loaded.state)),
          meta: loaded.meta,
          info: slotJson(loaded.info),
        });
      }
      return json({ error: `${method} is not allowed here` }, 405);
    }
    return json({ error: `no such API: ${path}` }, 404);
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const host = request.headers.get("host") ?? "";
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return new Response("unknown host\n", { status: 421 });
    }
    if (url.pathname.startsWith("/api/")) {
      try {
        return await api(request.method, url.pathname, request);
      } catch (e) {
        if (e instanceof UiError) {
          const status = e.kind === "invalid_slot" && /is empty/.test(e.message) ? 404 : 400;
          return json({ error: e.message, field: e.field ?? null }, status);
        }
        if (e instanceof SaveError) return json({ error: e.message }, 500);
        throw e;
      }
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("method not allowed\n", { status: 405 });
    }
    switch (url.pathname) {
      case "/":
        return page(html, "text/html");
      case "/style.css":
        return page(css, "text/css");
      case "/app.js":
        return page(script, "text/javascript");
      default:
        return new Response("not found\n", { status: 404 });
    }
  }

  const server = Deno.serve({ hostname: "127.0.0.1", port, onListen: () => {} }, handle);
  port = server.addr.port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    shutdown: () => server.shutdown(),
  };
}
