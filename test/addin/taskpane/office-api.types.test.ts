/// <reference types="office-js" />
// The task pane's Office.js subset must be satisfied by the real Office.js typings, or the demo's
// fake host could implement calls Outlook does not have. Checked by `tsc` (npm run check).
import { describe, expectTypeOf, it } from 'vitest';
import type {
  OfficeApi,
  OfficeAppointmentCompose,
  OfficeEmailAddressDetails,
} from '../../../addin/taskpane/office-api.js';

describe('the Office.js subset the task pane uses', () => {
  it('is satisfied by the global Office object of @types/office-js', () => {
    expectTypeOf<typeof Office>().toExtend<OfficeApi>();
  });

  it('is satisfied by an AppointmentCompose item and its recipients', () => {
    expectTypeOf<Office.AppointmentCompose>().toExtend<OfficeAppointmentCompose>();
    expectTypeOf<Office.EmailAddressDetails>().toExtend<OfficeEmailAddressDetails>();
  });
});
