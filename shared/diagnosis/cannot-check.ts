/**
 * Causes of 0x904 / 0x7 that RDP Doctor has no check for, said plainly when nothing it can check
 * explains the error (instead of guessing). Each is a documented cause: "An internal error has
 * occurred" and "Troubleshoot Azure VM RDP connection issues by Event ID" (learn.microsoft.com,
 * troubleshoot/windows-server/remote), and the Remote Desktop licensing articles.
 */
export const CANNOT_CHECK: readonly { what: string; where: string }[] = [
  {
    what: 'Remote Desktop licensing on the server (a license server it cannot reach, or a grace period that ran out)',
    where: 'On the server: Remote Desktop Licensing Diagnoser, and its RemoteDesktopServices logs.',
  },
  {
    what: 'A connection broker, gateway or load balancer in front of the server',
    where: 'On the broker or gateway: its own event logs, and the name the deployment expects.',
  },
  {
    what: 'The order of encryption methods set by a company policy (cipher suites)',
    where: 'On the server: the SSL Cipher Suite Order policy (gpresult /h), and Schannel events 36874 / 36888.',
  },
  {
    what: 'Security software on the server or between the two computers that inspects or cuts connections',
    where: "On the server and the network: that product's own log.",
  },
];
