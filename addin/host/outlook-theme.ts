// Outlook's theme → one of the three Teams themes: Outlook reports its theme's colours, not a name,
// so a dark body background means the dark theme; the OS's forced colours mean high contrast.
import type { OfficeThemeColors } from '../taskpane/office-api.js';
import type { ThemeName } from './host-adapter.js';

/** Relative luminance (WCAG) of a `#rrggbb` colour, 0 (black) to 1 (white); null when unreadable. */
function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((c) => {
    const v = parseInt(c, 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function themeFromOffice(
  colors: OfficeThemeColors | undefined,
  forcedColors: boolean,
): ThemeName {
  if (forcedColors) return 'contrast';
  const light = colors ? luminance(colors.bodyBackgroundColor) : null;
  return light !== null && light < 0.2 ? 'dark' : 'light';
}
