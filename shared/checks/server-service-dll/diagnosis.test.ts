import { describe, expect, it } from 'vitest';
import { dll } from '../../../test/support/server-results';
import { diagnose } from '../../diagnosis/rules';

describe('server-service-dll', () => {
  it('reports RDP Wrapper and never offers to repair it', () => {
    const [f] = diagnose([dll('C:\\Program Files\\RDP Wrapper\\rdpwrap.dll', ['C:\\Program Files\\RDP Wrapper\\rdpwrap.ini'])]);
    expect(f?.id).toBe('termservice-dll-replaced');
    expect(f?.fixIds).toEqual([]);
  });
});
