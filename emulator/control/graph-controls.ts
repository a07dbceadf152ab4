// Control API (`/_emulator/...`) for the Graph side of the world.
import { Router } from 'express';
import type { EmulatorContext } from '../context.js';

export function createGraphControls(_ctx: EmulatorContext): Router {
  return Router();
}
