import type { RealCase } from '../real-case';
import { release, runs } from './windows';

/** Causes on this computer: its license cache, its saved credentials. */
export const clientSideCases: RealCase[] = [
  {
    id: 'korean-client-license-cache',
    source: {
      url: 'https://github.com/Luvery93/luvery93.github.io/blob/master/_posts/2018-10-22-mstsc-common-error-fix.md',
      title: '원격 데스크톱 연결 일반적인 연결 오류 해결 (Fixing common Remote Desktop Connection errors)',
      date: '2018-10-22',
    },
    situation:
      'On a Korean Windows client, connecting to a Windows Server ends with "원격 데스크톱 서버 클라이언트 액세스가 없으므로 원격 세션 ' +
      '연결이 끊어졌습니다" (disconnected: no Remote Desktop client access license). Deleting this PC\'s license cache ' +
      '(MSLicensing\\HardwareID ClientHWID and Store\\LICENSE000) fixed it.',
    client: (pc) => {
      // The cache as the author found it: a hardware id and one stored license, both bad; nothing else known.
      pc.client.msLicensing = { hardwareId: true, store: ['LICENSE000'] };
      // The dialog has no code, and the first step does not read Korean text, so the user gives no
      // error there. What Windows logs for this refusal: 1024 (connecting), 1017 ("Client does not
      // have a license to connect to the server", ClientActiveXCore, Operational channel) and
      // 1026; the server ends the connection itself (disconnectReasonByServer, 3), and the
      // extended code that names the licensing error is not logged.
      const activityId = 'e0000000-0000-0000-0000-000000000001';
      pc.client.rdpClientLog.events.push(
        { id: 1024, time: '2026-11-21T08:40:00.000Z', activityId, server: 'office-pc', reason: null },
        { id: 1017, time: '2026-11-21T08:40:01.000Z', activityId, server: null, reason: null },
        { id: 1026, time: '2026-11-21T08:40:01.000Z', activityId, server: null, reason: 3 },
      );
    },
    expected: { firstFinding: 'license-cache-damaged', fix: 'reset-license-cache' },
  },
  {
    id: 'rdpwrap-161-saved-profile-credentials',
    source: {
      url: 'https://github.com/stascorp/rdpwrap/issues/161',
      title: 'updated to new ini, but still not able to connect session',
      date: '2016-09-15',
    },
    situation:
      'After a Windows update and a new rdpwrap.ini (RDPConf all green), connecting from another PC fails with "account ' +
      'restrictions are preventing this user from signing in". Connecting by IP works; the saved Remote Desktop profile and ' +
      'credentials for the computer name on the client were the problem: deleting and recreating them fixed it.',
    client: (pc) => {
      pc.client.credentials = [...pc.client.credentials, 'LegacyGeneric:target=TERMSRV/office-pc'];
      pc.client.mru = ['office-pc', ...pc.client.mru];
      pc.client.rdpServers = { ...pc.client.rdpServers, 'office-pc': { certHash: null, usernameHint: 'OFFICE-PC\\david' } };
    },
    server: (s) => {
      // A Windows 10 (in 2016: 1607) shared with RDP Wrapper, working again with the new ini. tspkg.dll
      // is set with the 2018 CredSSP fix (10.0.14393.2248), so today's client is not refused for that.
      runs(s, { ...release.server2016, productName: 'Windows 10 Pro' }, '10.0.14393.2248');
      s.registry.serviceDll = '%ProgramFiles%\\RDP Wrapper\\rdpwrap.dll';
      s.rdpWrapperFiles = ['C:\\Program Files\\RDP Wrapper\\rdpwrap.dll', 'C:\\Program Files\\RDP Wrapper\\rdpwrap.ini'];
    },
    // The dialog's English text, as the report quotes it, pasted on the first step.
    reportedError: 'account-restriction',
    expected: { firstFinding: 'stale-saved-credentials', fix: 'remove-saved-credentials' },
  },
];
