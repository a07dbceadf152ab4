// Host theme names → the three Teams themes Fluent UI ships.
import type { ThemeName } from './host-adapter.js';

/** teams-js reports `default`, `dark`, `contrast` (and `glass`, a light variant). */
export function themeFromTeams(theme: string | undefined): ThemeName {
  if (theme === 'dark') return 'dark';
  if (theme === 'contrast') return 'contrast';
  return 'light';
}

/** The browser's own preference: forced colors first, then the colour scheme. */
export function themeFromMedia(matchMedia: (query: string) => { matches: boolean }): ThemeName {
  if (matchMedia('(forced-colors: active)').matches) return 'contrast';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
