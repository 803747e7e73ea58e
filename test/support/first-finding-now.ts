/**
 * LEAD: evidence model. Since the wire comes from each scenario's state, these scenarios' first
 * finding is not the planted cause (measured on main's evidence model after the merge of
 * 2026-12-07). What the probe now sees, and what the rules make of it:
 * - every server that requires NLA answers an SSL-only or RDP-only request with RDP_NEG_FAILURE 5
 *   (HYBRID_REQUIRED_BY_SERVER), which the rules turn into "nla-required": a normal setting that
 *   ranks above causes with less evidence (fips-required, server-recent-update, the client
 *   causes), and the first finding of a healthy server;
 * - firewall-*: RDP Doctor runs on the server and probes 127.0.0.1; Windows Firewall rules "have
 *   no effect on loopback communication" (KB2771908), so the port answers and firewall-blocks-rdp
 *   is lowered as contradicted, although a loopback probe can never see the firewall;
 *   firewall-off-and-service-stopped: the port is refused (nothing listens), so the stopped
 *   service, which explains it, comes first;
 * - key-locked-expired-and-recent-update: the key cannot be used, so TLS resets before any
 *   certificate is shown: rdp-key-unreadable first, and certificate-unusable (the expired
 *   certificate in the store) is no longer among the findings at all (plantedMissingNow).
 * Otherwise the planted cause is still among the findings.
 */
export const firstNow: Record<string, string> = {
  'firewall-off-and-service-stopped': 'rdp-services-stopped',
  'key-locked-expired-and-recent-update': 'rdp-key-unreadable',
};

/** LEAD: evidence model. Scenarios whose planted cause is no longer among the findings at all. */
export const plantedMissingNow = new Set(['key-locked-expired-and-recent-update']);

/**
 * LEAD: evidence model. Fixed, and still found on the re-scan: key-file-permissions' state logged
 * Schannel 36870 and 1058 before the fix (listener model), and the log keeps them, as Windows'
 * does; the rules still read those events as the key being unreadable although the handshake
 * now completes. Events older than the fix should not count against it.
 */
export const stillFoundAfterFix = new Set(['key-file-permissions', 'ca-certificate-key-unreadable']);
