// The tab's status vocabulary follows the server's: every reason the server can answer (REASONS in
// server/domain/reasons.ts) is in the UI's list, its reason filter and its labels, so a new server
// reason cannot reach the tab as a blank label or a missing filter option.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  STATUS_CATEGORIES,
  STATUS_REASONS,
  type StatusCategory,
  type StatusReason,
} from '../../addin/api/status-types.js';
import { CATEGORY_LABELS, REASON_LABELS } from '../../addin/ui/labels.js';
import { REASONS } from '../../server/domain/reasons.js';
import type {
  StatusCategory as ServerStatusCategory,
  StatusReason as ServerStatusReason,
} from '../../server/domain/types.js';

describe('the tab’s status vocabulary', () => {
  it('has the same reason and category types as the server', () => {
    expectTypeOf<StatusReason>().toEqualTypeOf<ServerStatusReason>();
    expectTypeOf<StatusCategory>().toEqualTypeOf<ServerStatusCategory>();
  });

  it('lists every server reason, in the server’s order, for the reason filter', () => {
    expect(STATUS_REASONS).toEqual(Object.keys(REASONS));
  });

  it('lists every category a server reason belongs to', () => {
    const categories = new Set(Object.values(REASONS).map((r) => r.category));
    expect([...STATUS_CATEGORIES].sort()).toEqual([...categories].sort());
  });

  it.each(Object.keys(REASONS))('labels the reason %s', (reason) => {
    expect(REASON_LABELS[reason as StatusReason]?.trim()).toBeTruthy();
  });

  it.each(STATUS_CATEGORIES)('labels the category %s', (category) => {
    expect(CATEGORY_LABELS[category].trim()).toBeTruthy();
  });
});
