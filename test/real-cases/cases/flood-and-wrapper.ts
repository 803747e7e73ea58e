import type { RealCase } from '../real-case';
import { release, runs, updates } from './windows';

const RDP_WRAPPER = (s: Parameters<NonNullable<RealCase['server']>>[0]) => {
  s.registry.serviceDll = '%ProgramFiles%\\RDP Wrapper\\rdpwrap.dll';
  s.rdpWrapperFiles = ['C:\\Program Files\\RDP Wrapper\\rdpwrap.dll', 'C:\\Program Files\\RDP Wrapper\\rdpwrap.ini'];
};

/** Attacks that use up the listener, and RDP Wrapper broken by an update of termsrv.dll. */
export const floodAndWrapperCases: RealCase[] = [
  {
    id: 'azure-brute-force-4625-every-second',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/cannot-rdp-azure-vm-brute-force',
      title: 'Cannot RDP into Azure VM because of a brute force attack',
      date: '2020-12-14',
    },
    situation:
      'RDP to an Azure VM fails with "An internal error has occurred" over its public IP; the Security log has 4625 (bad user ' +
      'name or password) almost every second: port 3389 is open to the internet and under a brute-force attack that uses up ' +
      'the RDP service. Fix: restrict exposure (Just-In-Time, Bastion, VPN, NSG source limited).',
    server: (s) => {
      s.failedLogonsLastHour = 3600;
    },
    networkType: 'azure',
    expected: { firstFinding: 'connection-flood' },
  },
  {
    id: 'rdpwrap-418-server-2012r2-march-2018-update',
    source: {
      url: 'https://github.com/stascorp/rdpwrap/issues/418',
      title: 'Add support for termsrv 6.3.9600.18928',
      date: '2018-02-27',
    },
    situation:
      'Two Windows Server 2012 R2 Standard hosts with RDP Wrapper stop accepting Remote Desktop after the March 2018 updates ' +
      '(KB4088876): termsrv.dll is now 6.3.9600.18928 and RDPConf shows "Listening [not supported]". Putting back the previous ' +
      'termsrv.dll (or an rdpwrap.ini for the new build) fixed it.',
    server: (s) => {
      // tspkg.dll is not in the report; the CredSSP fix (6.3.9600.18999 or later) is assumed, so only the wrapper is at issue.
      runs(s, { ...release.server2012r2, osVersion: '6.3.9600.18928' }, '6.3.9600.18999');
      // Installed the day before it stopped working, on the scenario's clock.
      updates(s, ['KB4088876', '2026-11-20']);
      RDP_WRAPPER(s);
    },
    expected: { firstFinding: 'termservice-dll-replaced' },
  },
  {
    id: 'rdpwrap-2041-server-2019-november-2022-update',
    source: {
      url: 'https://github.com/stascorp/rdpwrap/issues/2041',
      title: '10.0.17763.3650 not supported',
      date: '2022-11-08',
    },
    situation:
      "A Windows Server 2019 with RDP Wrapper stops working after the day's Windows update: termsrv.dll 10.0.17763.3650 " +
      '(KB5019966) is not supported by the installed rdpwrap.ini. Removing KB5019966, or an rdpwrap.ini with offsets for ' +
      'that build, fixed it.',
    server: (s) => {
      runs(s, { ...release.server2019, osVersion: '10.0.17763.3650' }, '10.0.17763.3650');
      // Installed the same day it stopped working, on the scenario's clock.
      updates(s, ['KB5019966', '2026-11-21']);
      RDP_WRAPPER(s);
    },
    expected: { firstFinding: 'termservice-dll-replaced' },
  },
  {
    id: 'rdpwrap-1153-windows10-1809',
    source: {
      url: 'https://github.com/stascorp/rdpwrap/issues/1153',
      title: 'I updated windows to 17763.1432 1809 and now rdpwrap does not work!',
      date: '2020-08-26',
    },
    situation:
      'A Windows 10 1809 PC shared with RDP Wrapper stops accepting Remote Desktop after the August 2020 update (termsrv.dll ' +
      '10.0.17763.1369). An rdpwrap.ini that knows that build fixed it. The server is a Windows 10 Pro, not a Windows Server.',
    server: (s) => {
      runs(s, { ...release.windows10v1809, osVersion: '10.0.17763.1369' }, '10.0.17763.1369');
      RDP_WRAPPER(s);
    },
    expected: { firstFinding: 'termservice-dll-replaced' },
  },
];
