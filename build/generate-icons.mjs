#!/usr/bin/env node
// Draws Gatehouse's icons as PNG files with nothing but node:zlib, so they can be regenerated
// anywhere: `node build/generate-icons.mjs`.
//
//   build/icon.png                       1024×1024 app icon (electron-builder derives .icns/.ico)
//   build/icons/tray/tray-<state>.png    16×16 tray icon per gateway state
//   build/icons/tray/tray-<state>@2x.png 32×32 for HiDPI (Electron picks it up by name)
//   renderer/public/favicon.png           64×64 app icon for the renderer's pages
//
// Shapes are signed-distance functions sampled 4×4 per pixel, so edges are anti-aliased.
/* global console */
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const buildDir = dirname(fileURLToPath(import.meta.url));

// Keep in step with renderer/styles.css (--state-*) and shared/ipc/gateway-state.ts.
const stateColours = {
  stopped: '#8a8d95',
  starting: '#d69e2e',
  running: '#2f9e5b',
  attached: '#3b7be8',
  degraded: '#dd6b20',
  error: '#d93b3b',
};

// ── shapes (coordinates in 0..1, y down; negative distance = inside) ──────────────────────
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const box = (x0, y0, x1, y1) => (x, y) => {
  const dx = Math.max(x0 - x, x - x1);
  const dy = Math.max(y0 - y, y - y1);
  return dx > 0 || dy > 0 ? Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) : Math.max(dx, dy);
};
const roundedBox = (x0, y0, x1, y1, r) => {
  const inner = box(x0 + r, y0 + r, x1 - r, y1 - r);
  return (x, y) => inner(x, y) - r;
};
const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
const subtract = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y));
/** A doorway: a rectangle with a round top. */
const arch = (cx, top, halfWidth, bottom) =>
  union(circle(cx, top + halfWidth, halfWidth), box(cx - halfWidth, top + halfWidth, cx + halfWidth, bottom));

// ── drawing ───────────────────────────────────────────────────────────────────────────────
function hex(colour) {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** layers: [{ shape, colour }], painted in order over transparent. Returns RGBA bytes. */
function render(size, layers) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { shape, colour } of layers) {
        let covered = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            const x = (px + (sx + 0.5) / samples) / size;
            const y = (py + (sy + 0.5) / samples) / size;
            if (shape(x, y) <= 0) covered++;
          }
        }
        const alpha = covered / (samples * samples);
        if (alpha === 0) continue;
        const [cr, cg, cb] = hex(colour);
        // "over" compositing with straight alpha
        const outA = alpha + a * (1 - alpha);
        r = (cr * alpha + r * a * (1 - alpha)) / outA;
        g = (cg * alpha + g * a * (1 - alpha)) / outA;
        b = (cb * alpha + b * a * (1 - alpha)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      pixels[i] = Math.round(r);
      pixels[i + 1] = Math.round(g);
      pixels[i + 2] = Math.round(b);
      pixels[i + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

// ── PNG encoding (RGBA, 8 bit, no interlace) ─────────────────────────────────────────────
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function write(path, size, layers) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodePng(size, render(size, layers)));
  console.log(`wrote ${path} (${size}×${size})`);
}

// ── the icons ─────────────────────────────────────────────────────────────────────────────
// Tray: a disc in the state's colour with a white doorway, readable on light and dark bars.
const trayDisc = circle(0.5, 0.5, 0.47);
const trayDoor = arch(0.5, 0.26, 0.17, 0.78);
for (const [state, colour] of Object.entries(stateColours)) {
  const layers = [
    { shape: trayDisc, colour },
    { shape: trayDoor, colour: '#ffffff' },
  ];
  write(join(buildDir, 'icons', 'tray', `tray-${state}.png`), 16, layers);
  write(join(buildDir, 'icons', 'tray', `tray-${state}@2x.png`), 32, layers);
}

// App: a gatehouse (crenellated tower with an arched gate) on a rounded blue square.
const tile = roundedBox(0.06, 0.06, 0.94, 0.94, 0.2);
const tower = union(
  box(0.26, 0.38, 0.74, 0.8),
  box(0.26, 0.27, 0.36, 0.4),
  box(0.45, 0.27, 0.55, 0.4),
  box(0.64, 0.27, 0.74, 0.4),
);
const gate = arch(0.5, 0.5, 0.1, 0.81);
const appIconLayers = [
  { shape: tile, colour: '#2b5fc7' },
  { shape: subtract(tower, gate), colour: '#ffffff' },
];
write(join(buildDir, 'icon.png'), 1024, appIconLayers);
write(join(buildDir, '..', 'renderer', 'public', 'favicon.png'), 64, appIconLayers);
