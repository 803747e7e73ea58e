import { afterAll, afterEach } from 'vitest';
import { disposeSimulatedComputers, recycleSimulatedComputers } from '../../electron/main/simulated/computer-pool';

// Every test file: the simulated computers' PowerShell sessions are reused from test to test
// (a start costs more than a scan) and closed when the file is done.
afterEach(() => recycleSimulatedComputers());
afterAll(() => disposeSimulatedComputers());
