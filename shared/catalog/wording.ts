/**
 * What a plain text (a check's or finding's title and `plain`, shown to everyone) may not
 * contain. Those words go into `technical`, which helpdesk sees open and home users behind
 * "Technical details". Kept as data so the wording test and a reviewer read the same rule.
 *
 * The rule, decided for issue 12:
 * - no registry path (HKLM, HKCU, HKEY_..., or any backslash between two names);
 * - no event id ("event 1058", "events 1057 and 1058") and no Schannel event number (368xx);
 * - no all-caps identifier of three or more letters (SCHANNEL, NETWORK SERVICE, SYSTEM,
 *   TERMSRV, SSL_CERT_NOT_ON_SERVER), except the few abbreviations people meet in Windows
 *   Settings, on their router or in their VPN app, listed in COMMON_ABBREVIATIONS; "TLS" is one
 *   of them because Windows Settings and browsers show it by that name; update numbers (KB...)
 *   are allowed because Settings > Windows Update > Update history lists them so;
 * - no camel-case setting or folder name (AllowEncryptionOracle, fDenyTSConnections,
 *   MachineKeys, MSLicensing), except the product names in COMMON_NAMES;
 * - no program or file name (mstsc.exe, termsrv.dll, certlm.msc, Default.rdp) and no tool run
 *   by name (wusa, cmdkey, icacls);
 * - no certificate thumbprint, key file name or file id (a run of 16 or more hex digits);
 * - no registry value as it is written ("Enabled = 0", "DisabledByDefault = 1");
 * - no time as a program writes it (2026-11-21T08:59:58.000Z): times read as everywhere else;
 * - (issue 23) no transport or port named by its protocol ("TCP only", "the RDP port"): "TCP"
 *   and "RDP" alone stay allowed for the helpdesk's words and the app's name, not these phrases;
 * - (issue 23) no second word for one thing, no file type: "private key", never "secret key";
 *   no ".cer".
 * Fix results are lines the scripts write (what changed, what was put back), exact for
 * helpdesk: with technical details off, `plainLines` shows them only where they pass this rule,
 * and the fix's own plain words where they do not.
 * The error code the user saw (0x904, 0x7) and port numbers are plain: the user typed or read them.
 */
const COMMON_ABBREVIATIONS = ['TLS', 'VPN', 'UDP', 'TCP', 'DNS', 'NAS', 'SSH', 'HTTPS', 'FIPS', 'RDP', 'NSG'] as const;
const COMMON_NAMES = ['CredSSP', 'PowerShell', 'IPv4', 'IPv6'] as const;
const TOOLS = ['mstsc', 'wusa', 'cmdkey', 'icacls', 'certlm', 'netsh', 'termsrv', 'tspkg', 'RDP-Tcp'];

const checks: Array<{ why: string; find: (text: string) => string[] }> = [
  {
    why: 'a registry path',
    find: (t) => [...(t.match(/\b(?:HKLM|HKCU|HKEY_[A-Z_]+)\b/g) ?? []), ...(t.match(/\w\\+\w/g) ?? [])],
  },
  {
    why: 'an event id',
    find: (t) => [
      ...(t.match(/\bevents?\s+(?:id\s+)?\d{3,5}(?:\s*(?:,|and|\/|or)\s*\d{3,5})*/gi) ?? []),
      // Not a port after a host ("127.0.0.1:36971"): the tests' servers listen on random ports.
      ...(t.match(/(?<!:)\b36[89]\d\d\b/g) ?? []),
    ],
  },
  {
    why: 'an all-caps Windows identifier',
    find: (t) =>
      (t.match(/\b[A-Z][A-Z0-9_]{2,}\b/g) ?? []).filter(
        (w) => !(COMMON_ABBREVIATIONS as readonly string[]).includes(w) && !/^KB\d+$/.test(w),
      ),
  },
  {
    why: 'a setting or folder name',
    find: (t) =>
      (t.match(/\b(?:[a-z]+[A-Z]|[A-Z]{2,}[a-z]|[A-Z][a-z]+[A-Z])[A-Za-z0-9]*\b/g) ?? []).filter(
        (w) =>
          !(COMMON_NAMES as readonly string[]).includes(w) && !(COMMON_ABBREVIATIONS as readonly string[]).includes(w.replace(/s$/, '')),
      ),
  },
  {
    // A certificate thumbprint, a key file's name or a file id: what only a technician compares.
    why: 'a thumbprint, key or file id',
    find: (t) => t.match(/\b[0-9A-Fa-f]{16,}(?:_[0-9A-Fa-f-]+)?\b/g) ?? [],
  },
  {
    why: 'a registry value',
    find: (t) => t.match(/\b[A-Z][A-Za-z]+ = \d+\b/g) ?? [],
  },
  {
    why: 'a time as a program writes it',
    find: (t) => t.match(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?/g) ?? [],
  },
  {
    why: 'a protocol or standard where plain words fit',
    find: (t) => t.match(/\bTCP only\b|\bRDP port\b|\bFIPS (?:off|on)\b/gi) ?? [],
  },
  {
    // (issue 23, last review) One word per thing: the key is the "private key", as Windows'
    // certificate manager names it; a file type (".cer") means nothing to a home user.
    why: 'a word the app says another way',
    find: (t) => t.match(/\bsecret key\b|\.cer\b/gi) ?? [],
  },
  {
    why: 'a program, file or tool name',
    find: (t) => [
      ...(t.match(/\b[\w-]+\.(?:dll|exe|msc|ps1|rdp|sys)\b/gi) ?? []),
      ...TOOLS.filter((tool) => new RegExp(`(^|[^\\w-])${tool}([^\\w-]|$)`, 'i').test(t)),
    ],
  },
];

/** Why a text is not plain, one line per problem; empty when it is plain. */
export function plainTextProblems(text: string): string[] {
  return checks.flatMap(({ why, find }) => find(text).map((hit) => `${why}: "${hit}"`));
}

/**
 * Lines a script wrote (what a fix changed, what an undo put back) for someone who has technical
 * details off: the lines themselves when every one is plain, else the plain words given instead
 * (the fix's catalog text, which the wording test reads). Helpdesk sees the lines as written.
 */
export function plainLines(lines: readonly string[], instead: readonly string[]): readonly string[] {
  return lines.every((line) => plainTextProblems(line).length === 0) ? lines : instead;
}
