// Microsoft Graph endpoints (graph.microsoft.com).
import { Router } from 'express';
import type { EmulatorContext } from '../context.js';

export function createGraphRouter(_ctx: EmulatorContext): Router {
  return Router();
}
