import {
  ClientAuthenticationFactsSchema,
  NtlmExceptionName,
  type ClientAuthenticationFacts,
} from '../checks/client-authentication/catalog';
import { NetworkFactsSchema } from '../checks/client-network/catalog';
import { ClientRdpAppFactsSchema } from '../checks/client-rdp-app/catalog';
import { INCOMING_NAMES, ServerAuthenticationFactsSchema, type ServerAuthenticationFacts } from '../checks/server-authentication/catalog';
import { learnMore } from '../catalog/learn-more';
import type { FixId } from '../catalog/types';
import type { Evidence } from '../results';
import type { DiagnosisContext } from '../network-type';
import { factsOf, nlaStages, probeReportOf } from './facts-of';
import { exceptionCovers, OUTGOING_NAMES } from '../checks/client-authentication/ntlm-exceptions';
import type { Results, Rule } from './rule-kit';

/*
 * Hardened sign-in (issue 24, part 2): after a baseline (CIS, Microsoft's security baselines)
 * Remote Desktop fails at the sign-in step (Network Level Authentication, CredSSP) with no hint
 * why. Each rule sets this computer's settings beside the server's and says what they make
 * together. The registry values and their meanings are cited in the two checks' catalogs
 * (shared/checks/client-authentication, shared/checks/server-authentication).
 *
 * Why NTLM is often the only option: CredSSP negotiates Kerberos or NTLM (SPNEGO). Kerberos needs
 * both computers in a domain (or trusting domains) and a service name for the server
 * (TERMSRV/<name>); "If you use the IP address, then the IP is used to generate the SPN
 * (TERMSRV/<IP Address>) which does not match an SPN and so Negotiate will drop down to NTLM"
 * (FreeRDP/FreeRDP#3349, on Windows' Negotiate), and a loopback tunnel has no domain controller
 * behind it (GoogleCloudPlatform/iap-desktop#1724). Remote Credential Guard "must use Kerberos
 * authentication ... does not allow NTLM fallback" (learn.microsoft.com, Remote Credential Guard).
 */

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^\[?[0-9a-f:.]*:[0-9a-f:.]*\]?(%\w+)?$/i;
const isAddress = (host: string) => IPV4.test(host) || IPV6.test(host);
const isLoopbackName = (host: string) => /^localhost\.?$/i.test(host);

/** Whether Windows can use Kerberos for this connection, with the reasons it cannot (plain and technical). */
export interface KerberosPath {
  state: 'impossible' | 'possible' | 'unknown';
  plain: string[];
  technical: string[];
}

export function kerberosPath(r: Results): KerberosPath {
  const target = probeReportOf(r)?.target.host ?? null;
  const client = factsOf(r['client-network'], NetworkFactsSchema);
  const server = factsOf(r['server-authentication'], ServerAuthenticationFactsSchema);
  const report = probeReportOf(r);
  const challenge = report ? (nlaStages(report).find((n) => n.challenge)?.challenge ?? null) : null;
  const plain: string[] = [];
  const technical: string[] = [];
  if (target && (isAddress(target) || isLoopbackName(target))) {
    plain.push(`you typed an address (${target}), and the domain sign-in needs the server's name`);
    technical.push(
      `target "${target}" is an address or loopback name: the SPN TERMSRV/${target} matches no account, so Negotiate uses NTLM`,
    );
  }
  if (client && !client.domainJoined) {
    plain.push('this computer is not in a domain');
    technical.push('this computer: Win32_ComputerSystem PartOfDomain = False');
  }
  const serverDomain = server
    ? server.partOfDomain
      ? server.domain
      : null
    : challenge
      ? challenge.targetType === 'domain'
        ? challenge.dnsDomain
        : null
      : undefined;
  if (serverDomain === null) {
    plain.push('the server is not in a domain');
    technical.push(
      server
        ? 'server: Win32_ComputerSystem PartOfDomain = False'
        : `server: its NTLM CHALLENGE says workgroup (TargetName ${challenge?.targetName ?? '?'})`,
    );
  }
  if (plain.length > 0) return { state: 'impossible', plain, technical };
  if (client?.domainJoined && serverDomain && client.domain && client.domain.toLowerCase() !== serverDomain.toLowerCase()) {
    return {
      state: 'unknown',
      plain: [
        `the two computers are in different domains (${client.domain} and ${serverDomain}), which works only if the domains trust each other`,
      ],
      technical: [`this computer: domain ${client.domain}; server: domain ${serverDomain}`],
    };
  }
  if (client?.domainJoined && serverDomain)
    return { state: 'possible', plain: [], technical: [`both in the domain ${serverDomain}, connecting by name`] };
  return { state: 'unknown', plain: [], technical: [] };
}

const list = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
const serverName = (r: Results) => probeReportOf(r)?.target.host ?? 'the server';
const thisName = (ctx: DiagnosisContext) => ctx.thisComputer ?? 'this computer';
/** The same, to begin a sentence or a title. */
const ThisName = (ctx: DiagnosisContext) => ctx.thisComputer ?? 'This computer';

/** What the server's side says, for "office-pc: ..." (its own facts where its checks ran, else the wire's). */
function serverSide(r: Results): string {
  const s = factsOf(r['server-authentication'], ServerAuthenticationFactsSchema);
  if (s) {
    const domain = s.partOfDomain ? `in the domain ${s.domain ?? ''}`.trim() : 'not in a domain';
    return s.restrictReceivingNtlm === 2 ? `${domain}, and it refuses the older method too` : `${domain}, and it accepts the older method`;
  }
  const report = probeReportOf(r);
  const challenge = report ? (nlaStages(report).find((n) => n.challenge)?.challenge ?? null) : null;
  if (challenge)
    return challenge.targetType === 'domain'
      ? `in the domain ${challenge.dnsDomain ?? ''}`.trim()
      : 'not in a domain (it said so at the sign-in step)';
  return 'its settings were not read from here';
}

function clientNtlmTechnical(c: ClientAuthenticationFacts): string {
  const exceptions =
    c.ntlmServerExceptions === null ? 'absent' : c.ntlmServerExceptions.length ? c.ntlmServerExceptions.join(', ') : 'empty';
  return `RestrictSendingNTLMTraffic = ${c.restrictSendingNtlm ?? 'absent'} (${OUTGOING_NAMES[c.restrictSendingNtlm ?? 0] ?? '?'}), ClientAllowedNTLMServers: ${exceptions} (HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0)`;
}

const kerberosEvidence = (k: KerberosPath, server: string): Evidence => ({
  checkId: 'rdp-handshake',
  label: 'Why only the older sign-in method is left',
  value: k.plain.length ? `Connecting to ${server}: ${list(k.plain)}` : 'Not known from here',
});

const LIKELIHOOD_BY_PATH = {
  impossible: { likelihood: 'certain', score: 96 },
  unknown: { likelihood: 'likely', score: 68 },
  possible: { likelihood: 'possible', score: 22 },
} as const;

/** This computer refuses to send NTLM, the server is not on its exception list, and Kerberos cannot carry the sign-in. */
const ntlmOutgoingBlocked: Rule = (r, ctx) => {
  const c = factsOf(r['client-authentication'], ClientAuthenticationFactsSchema);
  if (!c || c.restrictSendingNtlm !== 2) return null;
  const server = serverName(r);
  const excepted = (c.ntlmServerExceptions ?? []).some((e) => exceptionCovers(e, server));
  if (excepted) return null;
  const k = kerberosPath(r);
  const { likelihood, score } = LIKELIHOOD_BY_PATH[k.state];
  const canList = NtlmExceptionName.safeParse(server).success && server !== 'the server';
  const fixIds: FixId[] = k.state !== 'possible' && canList ? ['allow-ntlm-to-server'] : [];
  const together =
    k.state === 'impossible'
      ? `Together: Windows cannot use the domain sign-in here (${list(k.plain)}), so only the older method is left, and ${thisName(ctx)} refuses it. That is why the connection fails at the sign-in step.`
      : k.state === 'unknown'
        ? `Together: if Windows cannot use the domain sign-in${k.plain.length ? ` (${list(k.plain)})` : ''}, only the older method is left, and ${thisName(ctx)} refuses it.`
        : `Together: both computers are in the domain and you connect by name, so Windows should use the domain sign-in; only if that fails (a wrong clock, no domain controller in reach) is the older method needed, and ${thisName(ctx)} refuses it.`;
  return {
    id: 'ntlm-outgoing-blocked',
    title: `${ThisName(ctx)} refuses the older sign-in method, and ${server} can only be reached with it`,
    plain:
      `${ThisName(ctx)}: a security setting forbids the older sign-in method towards every server not on its exception list, and ${server} is not on it. ${server}: ${serverSide(r)}. ${together} ` +
      "The secure way: connect by the server's full name from a computer in the same domain as the server, so Windows uses the domain sign-in. Where that is not possible, add just this server to the exception list (it can be undone); that weakens security for this one server, and your company's policy may own the list.",
    technical:
      `This computer: ${clientNtlmTechnical(c)}. Server: ${server}. Kerberos: ${k.technical.join('; ') || 'could not be judged'}. ` +
      'Deny all: "the client computer cannot authenticate identities to a remote server by using NTLM authentication" except the servers in ClientAllowedNTLMServers (FQDN or NetBIOS name as the application uses it; * wildcard). mstsc shows "An authentication error has occurred" (the NTLM/Operational log records the block). No restart needed after a change.',
    learnMore: learnMore.restrictNtlmOutgoing,
    likelihood,
    score,
    evidence: [
      {
        checkId: 'client-authentication',
        label: `Outgoing sign-in on ${thisName(ctx)}`,
        value: `${OUTGOING_NAMES[2]}; exceptions: ${c.ntlmServerExceptions?.length ? c.ntlmServerExceptions.join(', ') : 'none'}`,
      },
      kerberosEvidence(k, server),
    ],
    fixIds,
  };
};

/** The server refuses incoming NTLM for the accounts that would sign in, and Kerberos cannot carry the sign-in. */
const ntlmIncomingBlocked: Rule = (r, ctx) => {
  const s = factsOf(r['server-authentication'], ServerAuthenticationFactsSchema);
  if (!s || (s.restrictReceivingNtlm !== 1 && s.restrictReceivingNtlm !== 2)) return null;
  // "Deny all domain accounts ... but the server will allow local account sign in": a server
  // outside a domain has only local accounts, which this setting lets through.
  if (s.restrictReceivingNtlm === 1 && !s.partOfDomain) return null;
  const server = serverName(r);
  const k = kerberosPath(r);
  const base = LIKELIHOOD_BY_PATH[k.state];
  // With "domain accounts" only, a local account still gets in: a cause only for a domain account.
  const likelihood = s.restrictReceivingNtlm === 1 && base.likelihood === 'certain' ? 'likely' : base.likelihood;
  const score = s.restrictReceivingNtlm === 1 ? Math.min(base.score, 70) : base.score;
  const which = s.restrictReceivingNtlm === 2 ? 'for every account' : 'for domain accounts (a local account of the server still gets in)';
  return {
    id: 'ntlm-incoming-blocked',
    title: `${server} refuses the older sign-in method, and this connection can only use it`,
    plain:
      `${server}: a security setting makes it refuse the older sign-in method ${which}. ${ThisName(ctx)}: ${k.plain.length ? list(k.plain) : "can only be judged with the server's domain in view"}. ` +
      `Together: ${k.state === 'impossible' ? 'Windows cannot use the domain sign-in, so only the older method is left, and the server refuses it: that is why the connection fails at the sign-in step.' : 'if Windows cannot use the domain sign-in, only the older method is left, and the server refuses it.'} ` +
      "RDP Doctor does not change this: it protects the server. The secure way is connecting by the server's full name from a computer in the same domain, so Windows uses the domain sign-in. Otherwise only the server's administrator can decide to allow it again.",
    technical:
      `Server: RestrictReceivingNTLMTraffic = ${s.restrictReceivingNtlm} (${INCOMING_NAMES[s.restrictReceivingNtlm]}) under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0; domain ${s.partOfDomain ? s.domain : 'none (workgroup)'}. Kerberos: ${k.technical.join('; ') || 'could not be judged'}. ` +
      'The server "will deny NTLM authentication requests ... return an NTLM blocked error message" (STATUS_NTLM_BLOCKED, 0xC0000418) and logs it in Microsoft-Windows-NTLM/Operational.',
    learnMore: learnMore.restrictNtlmIncoming,
    likelihood,
    score,
    evidence: [
      {
        checkId: 'server-authentication',
        label: `Incoming sign-in on ${server}`,
        value: INCOMING_NAMES[s.restrictReceivingNtlm] ?? String(s.restrictReceivingNtlm),
      },
      kerberosEvidence(k, server),
    ],
    fixIds: [],
  };
};

const LM_LEVELS: Record<number, string> = {
  0: 'Send LM & NTLM responses',
  1: 'Send LM & NTLM - use NTLMv2 session security if negotiated',
  2: 'Send NTLM response only',
  3: 'Send NTLMv2 response only',
  4: 'Send NTLMv2 response only. Refuse LM',
  5: 'Send NTLMv2 response only. Refuse LM & NTLM',
};

/**
 * LAN Manager authentication level: levels 0-2 make a client send LM / NTLMv1 responses only,
 * and level 5 makes the authenticating side "refuse LM and NTLM ... accept only NTLMv2"; absent
 * is 3 (network-security-lan-manager-authentication-level). So a client at 0-2 and a server at 5
 * cannot sign in with NTLM.
 */
const lmLevelRefused: Rule = (r, ctx) => {
  const c = factsOf(r['client-authentication'], ClientAuthenticationFactsSchema);
  const s = factsOf(r['server-authentication'], ServerAuthenticationFactsSchema);
  if (!c || !s || c.lmCompatibilityLevel === null || c.lmCompatibilityLevel > 2 || s.lmCompatibilityLevel !== 5) return null;
  const server = serverName(r);
  const k = kerberosPath(r);
  if (k.state === 'possible') return null;
  return {
    id: 'lm-level-refused',
    title: `${ThisName(ctx)} answers with an old sign-in version that ${server} refuses`,
    plain:
      `${ThisName(ctx)}: a security setting makes it answer with the oldest versions of the older sign-in method. ${server}: a security setting makes it accept only the newest version. ` +
      `Together: ${k.state === 'impossible' ? `Windows cannot use the domain sign-in here (${list(k.plain)}), so the two cannot agree on a sign-in, and the connection fails at the sign-in step.` : 'when Windows cannot use the domain sign-in, the two cannot agree on a sign-in.'} ` +
      `The fix is on ${thisName(ctx)} and makes it safer, not weaker: set its level back to the Windows default (send only the newest version). Whoever applied the setting should know: an old device may have needed it.`,
    technical: `This computer: LmCompatibilityLevel = ${c.lmCompatibilityLevel} (${LM_LEVELS[c.lmCompatibilityLevel]}). Server: LmCompatibilityLevel = 5 (${LM_LEVELS[5]}); both under HKLM\\System\\CurrentControlSet\\Control\\Lsa. Levels 0-2 send no NTLMv2 response; 5 accepts only NTLMv2 (documented for domain controllers, which check domain accounts; the server checks its local accounts itself). Kerberos: ${k.technical.join('; ') || 'could not be judged'}. Default (absent): 3.`,
    learnMore: learnMore.lanManagerLevel,
    likelihood: k.state === 'impossible' ? 'likely' : 'possible',
    score: k.state === 'impossible' ? 72 : 35,
    evidence: [
      {
        checkId: 'client-authentication',
        label: `Sign-in version on ${thisName(ctx)}`,
        value: `${c.lmCompatibilityLevel}: ${LM_LEVELS[c.lmCompatibilityLevel]}`,
      },
      { checkId: 'server-authentication', label: `Sign-in versions ${server} accepts`, value: `5: ${LM_LEVELS[5]}` },
    ],
    fixIds: [],
  };
};

const RESTRICTED_TYPES: Record<number, { name: string; plain: string }> = {
  1: { name: 'Require Restricted Admin', plain: 'a protected sign-in that keeps your password off the server (Restricted Admin)' },
  2: {
    name: 'Require Remote Credential Guard',
    plain: 'a protected sign-in that keeps your password on this computer (Remote Credential Guard)',
  },
  3: { name: 'Restrict credential delegation', plain: 'one of the protected sign-ins that keep your password off the server' },
};

const serverAllowsProtected = (s: ServerAuthenticationFacts) => s.disableRestrictedAdmin === 0 || s.allowProtectedCreds === 1;

/**
 * The client's policy "Restrict delegation of credentials to remote servers" requires Restricted
 * Admin or Remote Credential Guard; the host "Must allow Restricted Admin connections"
 * (DisableRestrictedAdmin = 0, or AllowProtectedCreds = 1), and Remote Credential Guard also needs
 * Kerberos and Windows 10 1607 / Server 2016 (build 14393) on the host ("Remote Credential Guard").
 * mstsc /restrictedAdmin and /remoteGuard ask the same for one connection; no .rdp property for
 * them is documented (Supported RDP properties), and a scan cannot see the command line.
 */
const restrictedAdminRefused: Rule = (r, ctx) => {
  const c = factsOf(r['client-authentication'], ClientAuthenticationFactsSchema);
  if (!c || c.restrictedRemoteAdministration !== 1) return null;
  const type = RESTRICTED_TYPES[c.restrictedRemoteAdministrationType ?? 3] ?? RESTRICTED_TYPES[3]!;
  const s = factsOf(r['server-authentication'], ServerAuthenticationFactsSchema);
  const server = serverName(r);
  const k = kerberosPath(r);
  const why: string[] = [];
  const whyTechnical: string[] = [];
  if (s && !serverAllowsProtected(s)) {
    why.push('it does not allow protected sign-ins');
    whyTechnical.push(
      `server: DisableRestrictedAdmin = ${s.disableRestrictedAdmin ?? 'absent'}, AllowProtectedCreds = ${s.allowProtectedCreds ?? 'absent'}`,
    );
  }
  const guardOnly = c.restrictedRemoteAdministrationType === 2;
  if (guardOnly && k.state === 'impossible') {
    why.push(`the password-on-this-computer kind needs the domain sign-in, and ${list(k.plain)}`);
    whyTechnical.push(`Remote Credential Guard needs Kerberos: ${k.technical.join('; ')}`);
  }
  if (guardOnly && s?.osBuild !== null && s?.osBuild !== undefined && s.osBuild < 14393) {
    why.push('its Windows is too old for the password-on-this-computer kind');
    whyTechnical.push(`server build ${s.osBuild} < 14393`);
  }
  if (why.length === 0 && s) return null;
  const certain = why.length > 0;
  return {
    id: 'restricted-admin-refused',
    title: `${ThisName(ctx)} insists on a protected sign-in that ${server} does not allow`,
    plain:
      `${ThisName(ctx)}: a company policy makes Remote Desktop insist on ${type.plain}. ${server}: ${certain ? list(why) : 'its settings could not be read from here; it must allow protected sign-ins'}. ` +
      `Together: ${certain ? 'Remote Desktop refuses to sign in any other way, so the connection fails at the sign-in step.' : 'if the server does not allow them, the connection fails at the sign-in step.'} ` +
      "RDP Doctor changes neither side: the policy protects your password, and allowing protected sign-ins on the server is its administrator's security decision (the Restricted Admin kind lets an administrator sign in without a password being sent, which has its own risks). The secure way: the server's administrator allows it, and you connect by the server's full name from a computer in its domain.",
    technical:
      `This computer: RestrictedRemoteAdministration = 1, RestrictedRemoteAdministrationType = ${c.restrictedRemoteAdministrationType ?? 'absent'} (${type.name}) under HKLM\\Software\\Policies\\Microsoft\\Windows\\CredentialsDelegation. ` +
      `Server: ${whyTechnical.join('; ') || 'not read (its checks did not run)'}. The host must have DisableRestrictedAdmin = 0 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa (or the policy "Remote host allows delegation of non-exportable credentials", AllowProtectedCreds = 1); Remote Credential Guard also needs Kerberos (by name, domain) and Windows 10 1607 / Server 2016 on the host. mstsc /restrictedAdmin and /remoteGuard ask the same for one connection.`,
    learnMore: learnMore.remoteCredentialGuard,
    likelihood: certain ? 'certain' : 'possible',
    score: certain ? 95 : 30,
    evidence: [
      { checkId: 'client-authentication', label: `Protected sign-in required by ${thisName(ctx)}`, value: type.name },
      ...(s
        ? [
            {
              checkId: 'server-authentication' as const,
              label: `Protected sign-ins on ${server}`,
              value: serverAllowsProtected(s) ? 'allowed' : 'not allowed',
            },
          ]
        : []),
    ],
    fixIds: [],
  };
};

/** The first Windows build that shipped with the CredSSP fix (Windows 10 1803); mismatch-rules.ts says why. */
const CREDSSP_FIXED_BUILD = 17134;

/**
 * The server's own CredSSP policy at "Force Updated Clients" (0) refuses clients without the 2018
 * update (learn.microsoft.com, CredSSP encryption oracle remediation): the other half of the table
 * mismatch-rules.ts reads from this computer's side.
 */
const credsspServerForcesUpdated: Rule = (r, ctx) => {
  const s = factsOf(r['server-authentication'], ServerAuthenticationFactsSchema);
  const build = factsOf(r['client-rdp-app'], ClientRdpAppFactsSchema)?.os.build ?? null;
  if (!s || s.allowEncryptionOracle !== 0 || build === null || build >= CREDSSP_FIXED_BUILD) return null;
  const server = serverName(r);
  return {
    id: 'credssp-server-forces-updated',
    title: `${server} refuses computers without the 2018 sign-in security update, and ${thisName(ctx)} may lack it`,
    plain:
      `${server}: a security policy refuses computers that miss the May 2018 security update for Remote Desktop sign-in (CredSSP). ${ThisName(ctx)}: runs a Windows version from before that update and may still miss it. ` +
      `Together: the server refuses this computer at the sign-in step. Install the current updates on ${thisName(ctx)}; do not weaken the server's policy.`,
    technical: `Server: AllowEncryptionOracle = 0 (Force Updated Clients) under HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters. This computer: Windows build ${build}, before 17134 (the first with the CVE-2018-0886 fix built in; older builds have it only with the March/May 2018 updates, KB4093492).`,
    learnMore: learnMore.credSsp,
    likelihood: 'likely',
    score: 70,
    evidence: [
      { checkId: 'server-authentication', label: `CredSSP policy on ${server}`, value: 'Force Updated Clients (0)' },
      { checkId: 'client-rdp-app', label: `Windows on ${thisName(ctx)}`, value: `build ${build}` },
    ],
    fixIds: [],
  };
};

/** STATUS_NTLM_BLOCKED (MS-ERREF 2.3.1; MS-APDS 3.1.5.1.1: "the NTLM server SHOULD return STATUS_NTLM_BLOCKED"). */
export const STATUS_NTLM_BLOCKED = 0xc0000418;

/**
 * On the wire: a TSRequest errorCode (MS-CSSP 2.2.1: "If ... the SPNEGO exchange fails on the
 * server, this field SHOULD be used to send the NTSTATUS failure code") of STATUS_NTLM_BLOCKED.
 * Which message of the exchange Windows refuses is not documented, so this is read when it comes,
 * never predicted by the simulated listener.
 */
const ntlmBlockedOnWire: Rule = (r) => {
  const report = probeReportOf(r);
  if (!report) return null;
  const blocked = nlaStages(report).find((n) => n.outcome === 'error-code' && n.errorCode === STATUS_NTLM_BLOCKED);
  if (!blocked) return null;
  return {
    id: 'ntlm-blocked-on-wire',
    title: 'The server said at the sign-in step that the older sign-in method is blocked',
    plain:
      "When RDP Doctor started the sign-in step (without a password), the server answered that the older sign-in method is blocked. A security setting on the server, or in its domain, forbids it; connecting by the server's full name from a computer in its domain lets Windows use the domain sign-in instead.",
    technical: `CredSSP TSRequest version ${blocked.credsspVersion ?? '?'} with errorCode 0xC0000418 (STATUS_NTLM_BLOCKED) in answer to an NTLM NEGOTIATE: RestrictReceivingNTLMTraffic on the server, or RestrictNTLMInDomain on its domain controllers.`,
    learnMore: learnMore.restrictNtlmIncoming,
    likelihood: 'likely',
    score: 60,
    evidence: [{ checkId: 'rdp-handshake', label: 'Server sign-in step', value: 'errorCode 0xC0000418 (STATUS_NTLM_BLOCKED)' }],
    fixIds: [],
  };
};

export const hardenedAuthRules: Rule[] = [
  ntlmOutgoingBlocked,
  ntlmIncomingBlocked,
  lmLevelRefused,
  restrictedAdminRefused,
  credsspServerForcesUpdated,
  ntlmBlockedOnWire,
];
