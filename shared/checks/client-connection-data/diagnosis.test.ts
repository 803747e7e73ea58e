import { describe, expect, it } from 'vitest';
import { connectionData } from '../../../test/support/client-results';

describe('client-connection-data', () => {
  it('calls Default.rdp damaged only when it is, and an empty cache file a broken write', () => {
    expect(connectionData().status).toBe('pass');
    expect(connectionData({ badLines: 2 }).summary).toBe('Default.rdp has 2 damaged lines of 10.');
    expect(connectionData({ emptyFiles: 1 }).summary).toMatch(/^The bitmap cache has 1 empty file/);
  });
});
