import type { RealCase } from '../real-case';
import { stopTermService } from '../../../shared/checks/server-services/scenarios';

const GENERAL_ERROR = {
  url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/troubleshoot-rdp-general-error',
  title: 'Troubleshoot an RDP general error in Azure VM',
  date: '2018-10-31',
};
const SERVICES_NOT_STARTING = {
  url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/troubleshoot-remote-desktop-services-issues',
  title: "Remote Desktop Services isn't starting on an Azure VM",
  date: '2018-10-23',
};

/** Remote Desktop turned off, its service stopped, its listener off or its port taken, the firewall closed. */
export const servicesAndListenerCases: RealCase[] = [
  {
    id: 'azure-rdp-disabled-by-group-policy',
    source: GENERAL_ERROR,
    situation:
      'A domain-joined VM gives "Remote Desktop can\'t connect to the remote computer ... remote access to the server is not ' +
      'enabled". The group policy value Policies\\...\\Terminal Services fDenyTSConnections is 1; the local setting is 0. The ' +
      'fix is the domain policy "Allow users to connect remotely by using Remote Desktop Services".',
    server: (s) => {
      s.registry.policyDenyTSConnections = 1;
      s.client.domain = 'corp.example';
      s.listeners = [];
    },
    networkType: 'domain',
    reportedError: '0x204',
    expected: { firstFinding: 'rdp-disabled' },
  },
  {
    id: 'azure-rdp-listener-disabled',
    source: GENERAL_ERROR,
    situation:
      'The same general error on another VM: the RDP-Tcp listener is disabled (WinStations\\RDP-Tcp fEnableWinStation = 0), so ' +
      'nothing listens on 3389 although Remote Desktop is enabled. Setting fEnableWinStation to 1 and restarting fixed it.',
    server: (s) => {
      s.registry.rdpTcp.fEnableWinStation = 0;
      s.listeners = [];
    },
    networkType: 'azure',
    reportedError: '0x204',
    expected: { firstFinding: 'rdp-listener-problem' },
  },
  {
    id: 'azure-termservice-disabled',
    source: SERVICES_NOT_STARTING,
    situation:
      'The VM is up at the sign-in screen but RDP fails; the System log shows the Remote Desktop Services service not starting. ' +
      'TermService is set to Disabled. "sc config TermService start= demand" and starting it fixed it.',
    server: (s) => {
      stopTermService(s);
      s.services.TermService.startType = 'Disabled';
    },
    networkType: 'azure',
    expected: { firstFinding: 'rdp-services-stopped', fix: 'start-rdp-services' },
  },
  {
    id: 'azure-termservice-logon-account-changed',
    source: SERVICES_NOT_STARTING,
    situation:
      'TermService fails to start with 1069 ERROR_SERVICE_LOGON_FAILED: its startup account was changed from NT Authority\\' +
      'NetworkService to a user account. Setting it back (sc config TermService obj= "NT Authority\\NetworkService") and starting ' +
      'the service fixed it; starting it as it is fails again.',
    server: (s) => {
      stopTermService(s);
      s.services.TermService.account = '.\\rdpsvc';
    },
    networkType: 'azure',
    expected: { firstFinding: 'rdp-services-stopped' },
  },
  {
    id: 'azure-port-3389-taken-by-another-program',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/troubleshoot-rdp-internal-error',
      title: 'An internal error occurs when you try to connect to an Azure VM through Remote Desktop',
      date: '2020-02-23',
    },
    situation:
      'RDP to an Azure VM fails with "An internal error has occurred". netstat -anob shows port 3389 owned by another ' +
      'application, not TermService. Stopping that application and starting TermService (or moving RDP to another port) fixed it.',
    server: (s) => {
      s.listeners = [{ localAddress: '0.0.0.0', port: 'target', pid: 4120, processName: 'java', services: [] }];
      s.services.TermService.status = 'Stopped';
      s.services.TermService.pid = null;
    },
    networkType: 'azure',
    expected: { firstFinding: 'rdp-listener-problem' },
  },
  {
    id: 'azure-guest-firewall-rdp-rule-off',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/guest-os-firewall-blocking-inbound-traffic',
      title: 'Azure VM Guest OS firewall is blocking inbound traffic',
      date: '2021-11-04',
    },
    situation:
      'The VM is at the Welcome screen but RDP cannot connect: the guest firewall rule for RDP is not set up to allow the ' +
      'traffic (the "Remote Desktop" rules are disabled). netsh advfirewall firewall set rule group="Remote Desktop" new ' +
      'enable=yes fixed it.',
    server: (s) => {
      s.firewall.rules = s.firewall.rules.map((r) => ({ ...r, enabled: false }));
    },
    networkType: 'azure',
    reportedError: '0x204',
    expected: { firstFinding: 'firewall-blocks-rdp', fix: 'enable-firewall-rdp' },
  },
  {
    id: 'azure-guest-firewall-blocks-all-inbound',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/guest-os-firewall-blocking-inbound-traffic',
      title: 'Azure VM Guest OS firewall is blocking inbound traffic',
      date: '2021-11-04',
    },
    situation:
      'Same symptom, second cause: the guest firewall profiles are set to block all inbound connections (BlockInboundAlways, ' +
      '"Block all incoming connections, including those in the list of allowed apps"), so the enabled Remote Desktop rules are ' +
      'ignored. netsh advfirewall set allprofiles firewallpolicy blockinbound,allowoutbound fixed it.',
    server: (s) => {
      s.firewall.blockAllInbound = ['Domain', 'Private', 'Public'];
    },
    networkType: 'azure',
    reportedError: '0x204',
    expected: { firstFinding: 'firewall-blocks-rdp' },
  },
  {
    id: 'azure-rdsh-no-license-server',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/troubleshoot-rdp-no-license-server',
      title: "Remote Desktop license server isn't available when you connect to an Azure VM",
      date: '2018-10-23',
    },
    situation:
      'A VM with the Remote Desktop Session Host role disconnects every session: "no Remote Desktop license servers available to ' +
      'provide a license"; the 180-day grace period is over and no license server was ever set (LicensingMode, ' +
      'SpecifiedLicenseServers). Configuring a license server with CALs (or removing the role) fixed it.',
    networkType: 'azure',
    expected: { cannotCheck: "the server's Remote Desktop licensing (Session Host role, grace period, license server and CALs)" },
  },
  {
    id: 'azure-connection-broker-renamed',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton',
      title: 'Troubleshoot Azure VM RDP connection issues by Event ID',
      date: '2018-11-01',
    },
    situation:
      'A VM with the Remote Desktop Connection Broker role refuses RDP; SessionBroker logs 2056 "Logon to the database failed" ' +
      'and SessionBroker-Client 1296 "Remote Desktop Connection Broker is not ready for RPC communication". The broker\'s host ' +
      'name had been changed, which is not supported; reinstalling the role and the Windows Internal Database fixed it.',
    server: (s) => {
      s.client.domain = 'corp.example';
    },
    networkType: 'azure',
    expected: { cannotCheck: 'the Remote Desktop Connection Broker role and its database (SessionBroker events 2056 / 1296)' },
  },
];
