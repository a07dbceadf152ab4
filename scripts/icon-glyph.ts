// Quorum's glyph — a calendar page with a check mark — as geometry on a 24-unit grid, and a
// supersampling rasterizer that turns it into anti-aliased RGBA pixels at any size.

/** Accent colour of the app: the colour icon's background and the manifest's `accentColor`. */
export const ACCENT = '#176B87';

type Point = readonly [number, number];

function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Signed distance to a rounded rectangle's edge (negative inside). */
function roundedBoxDistance(x: number, y: number, box: Rect, radius: number): number {
  const cx = (box.left + box.right) / 2;
  const cy = (box.top + box.bottom) / 2;
  const qx = Math.abs(x - cx) - ((box.right - box.left) / 2 - radius);
  const qy = Math.abs(y - cy) - ((box.bottom - box.top) / 2 - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const STROKE = 2;
const PAGE: Rect = { left: 3.5, top: 5, right: 20.5, bottom: 20.5 };
const RINGS: readonly (readonly [Point, Point])[] = [
  [
    [8.5, 2.75],
    [8.5, 6.5],
  ],
  [
    [15.5, 2.75],
    [15.5, 6.5],
  ],
];
const RULE: readonly [Point, Point] = [
  [PAGE.left, 9.5],
  [PAGE.right, 9.5],
];
const CHECK: readonly Point[] = [
  [8.25, 14.75],
  [11, 17.25],
  [16, 12],
];

/** Whether a point of the 24-unit grid is ink. */
export function isInk(x: number, y: number): boolean {
  const half = STROKE / 2;
  if (Math.abs(roundedBoxDistance(x, y, PAGE, 2.5)) <= half) return true;
  if (distanceToSegment(x, y, ...RULE) <= half) return true;
  if (RINGS.some(([a, b]) => distanceToSegment(x, y, a, b) <= half)) return true;
  for (let i = 1; i < CHECK.length; i++) {
    if (distanceToSegment(x, y, CHECK[i - 1]!, CHECK[i]!) <= half * 1.1) return true;
  }
  return false;
}

export interface RenderOptions {
  /** Square image size in pixels. */
  size: number;
  /** Size in pixels of the square the 24-unit glyph grid is drawn into, centred. */
  glyphSize: number;
  /** Ink colour, `#rrggbb`. */
  ink: string;
  /** Background colour, `#rrggbb`; transparent when absent. */
  background?: string;
  /** Samples per pixel along each axis. */
  samples?: number;
}

function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** Rasterizes the glyph into straight-alpha RGBA bytes. */
export function renderGlyph(options: RenderOptions): Uint8Array {
  const { size, glyphSize } = options;
  const samples = options.samples ?? 6;
  const ink = parseHex(options.ink);
  const background = options.background ? parseHex(options.background) : undefined;
  const offset = (size - glyphSize) / 2;
  const scale = 24 / glyphSize;
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const gx = (px + (sx + 0.5) / samples - offset) * scale;
          const gy = (py + (sy + 0.5) / samples - offset) * scale;
          if (isInk(gx, gy)) hits++;
        }
      }
      const coverage = hits / (samples * samples);
      const i = (py * size + px) * 4;
      if (background) {
        for (let c = 0; c < 3; c++) {
          out[i + c] = Math.round(background[c]! * (1 - coverage) + ink[c]! * coverage);
        }
        out[i + 3] = 255;
      } else {
        out.set(ink, i);
        out[i + 3] = Math.round(coverage * 255);
      }
    }
  }
  return out;
}
