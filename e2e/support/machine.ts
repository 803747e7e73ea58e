import type { SimulatedWindows } from '../../electron/main/simulated/simulated-windows';

/*
 * How the e2e tests look at a simulated computer after the wizard worked on it: through its own
 * check scripts (what a user would be told), run with an administrator's token outside the
 * prompt and run bookkeeping the tests assert on.
 */

/** The two "Remote Desktop - User Mode" rules the firewall fix turns on: on or off, TCP then UDP. */
export async function userModeRulesOn(computer: SimulatedWindows): Promise<Array<boolean | undefined>> {
  const { rules } = await computer.facts('check-firewall-rdp');
  return ['RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP'].map((name) => rules.find((r) => r.name === name)?.enabled);
}

/** Whether every rule of the "Remote Desktop" firewall group is on. */
export async function everyRdpRuleOn(computer: SimulatedWindows): Promise<boolean> {
  return (await computer.facts('check-firewall-rdp')).rules.every((r) => r.enabled);
}

/** Whether every rule of the "Remote Desktop" firewall group is off. */
export async function everyRdpRuleOff(computer: SimulatedWindows): Promise<boolean> {
  return (await computer.facts('check-firewall-rdp')).rules.every((r) => !r.enabled);
}

/** The certificate the RDP listener uses (Win32_TSGeneralSetting.SSLCertificateSHA1Hash). */
export async function listenerThumbprint(computer: SimulatedWindows): Promise<string | null> {
  return (await computer.facts('check-rdp-certificate')).listenerThumbprint;
}

/** The RDP-Tcp listener's own security values (SecurityLayer, UserAuthentication, ...). */
export async function rdpTcpSecurity(computer: SimulatedWindows) {
  return (await computer.facts('check-rdp-security')).local;
}
