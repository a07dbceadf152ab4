// Entra ID endpoints (login.microsoftonline.com).
import { Router } from 'express';
import type { EmulatorContext } from '../context.js';

export function createEntraRouter(_ctx: EmulatorContext): Router {
  return Router();
}
