/**
 * LEAD: evidence model. Since the wire comes from each scenario's state, these scenarios' first
 * finding is no longer the planted cause (issue 20 §1). What the probe now sees, and what the
 * rules make of it:
 * - every server that requires NLA answers an SSL-only or RDP-only request with RDP_NEG_FAILURE 5
 *   (HYBRID_REQUIRED_BY_SERVER), and probe-findings.ts turns that into "nla-required" (possible,
 *   45): a normal setting ranked above causes scored below 45 (fips-required 35,
 *   server-recent-update 22, the client causes 30-45), and the first finding of a healthy server;
 * - firewall-*: RDP Doctor runs on the server and probes 127.0.0.1; Windows Firewall rules "have
 *   no effect on loopback communication" (KB2771908), so the port answers and
 *   agree-with-evidence.ts lowers firewall-blocks-rdp to 10 ("Not the cause now"), although a
 *   loopback probe can never see the firewall;
 * - keyiso-disabled: CredSSP is selected, then TLS is reset (no usable private key): the symptom
 *   "tls-reset" (92) ranks above the cause that explains it, rdp-services-stopped (10);
 * - listener-port-taken: nginx answers HTTP 400 on the port: "not-rdp" (95) above
 *   rdp-listener-problem (91), which names the same program;
 * - credssp-unpatched: the CHALLENGE's TSRequest version 3 against this laptop's default
 *   "Mitigated" policy: mismatch-rules' credssp-policy-blocks (97) above credssp-outdated (40).
 * The planted cause is still among the findings in every one of them.
 */
export const firstNow: Record<string, string> = {
  healthy: 'nla-required',
  'firewall-rule-disabled': 'nla-required',
  'firewall-websocket-only': 'nla-required',
  'keyiso-disabled': 'tls-reset',
  'listener-port-taken': 'not-rdp',
  'fips-required': 'nla-required',
  'credssp-unpatched': 'credssp-policy-blocks',
  'recent-server-update': 'nla-required',
  'client-saved-credentials': 'nla-required',
  'client-damaged-connection-data': 'nla-required',
  'client-license-cache-damaged': 'nla-required',
  'client-credssp-force-updated': 'nla-required',
  'client-vpn-drops-udp': 'nla-required',
  'client-log-other-error': 'nla-required',
  'client-outbound-blocked': 'nla-required',
};
