// Control API (`/_emulator/...`) for the Entra side of the world.
import { Router } from 'express';
import type { EmulatorContext } from '../context.js';

export function createEntraControls(_ctx: EmulatorContext): Router {
  return Router();
}
