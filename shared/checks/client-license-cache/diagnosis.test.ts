import { describe, expect, it } from 'vitest';
import { license } from '../../../test/support/client-results';

describe('client-license-cache', () => {
  it('reports a missing license cache as normal and an incomplete one as damaged', () => {
    expect(license({ exists: false }).status).toBe('pass');
    expect(license({ hasStore: false }).summary).toMatch(/incomplete: Store is missing/);
  });
});
