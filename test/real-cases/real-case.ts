import type { MachineState } from '../../shared/simulated/machine-state';
import type { FixId } from '../../shared/catalog/types';
import type { NetworkType } from '../../shared/network-type';

/**
 * A public report of 0x904/0x7 (or a close cousin) with a known, resolved cause, entered as the
 * two computers it describes. The states are written from the report's facts only (Windows
 * versions, events and their text, settings, updates); what the report does not say stays as
 * Windows ships it. Never from what the rules do (README, "Add a real case").
 */
export interface RealCase {
  /** Unique, kebab-case, says the cause in a few words. */
  id: string;
  source: {
    url: string;
    title: string;
    /** When the report was written (or the article last dated), YYYY-MM-DD or YYYY-MM. */
    date: string;
  };
  /** Two or three lines: who, which computers, what they saw, what fixed it. */
  situation: string;
  /** Edits to this PC: the Windows 11 laptop as shipped (electron/main/simulated/scenarios/windows11-laptop.ts + shared/simulated/healthy-client.ts). */
  client?: (s: MachineState) => void;
  /** Edits to the server: the healthy Windows Server 2022 (shared/simulated/healthy.ts). Ignored when serverIsNot is set. */
  server?: (s: MachineState) => void;
  /**
   * The peer is not Windows: what answers on the port instead. No Windows checks can run there
   * (no remoting), so the scan sees it only from the wire and from this PC.
   */
  serverIsNot?: NonWindowsPeer;
  /**
   * How the user typed the server: 'address' when the report says they connected by IP address
   * (the server's address on the simulated network, so the name never reaches the scan; remoting
   * goes to that address too). Absent: by its name, office-pc.
   */
  typed?: 'address';
  /** What the user saw, as Remote Desktop shows it ("0x904"); absent: the original 0x904 / 0x7. */
  reportedError?: string;
  /** How the user reaches the server; absent: 'home'. */
  networkType?: NetworkType;
  /**
   * The cause the report resolved, as the product's first finding (and the fix it should offer
   * first), or, where the product has no check for that cause, what it cannot check: then the
   * product must not claim a cause ("Found the cause"); with nothing found it lists what it cannot check.
   */
  expected:
    | { firstFinding: string; fix?: FixId }
    /**
     * Two causes at once, as the report resolved them: the first finding is one of them, the
     * other is found too (its own finding, or taken in by the first because it explains it), and
     * the fix the report used is offered.
     */
    | { causes: readonly [string, string]; fix?: FixId }
    | { cannotCheck: string };
}

/**
 * Non-Windows peers the runner can serve, each behind "another computer" (its own network
 * namespace): a real xrdp from Debian's package with the given configuration
 * (test/harness/xrdp.ts), or a web proxy that answers HTTP on the port.
 */
export type NonWindowsPeer =
  | { kind: 'xrdp'; config: 'negotiate' | 'tls-only' | 'rdp-only' | 'missing-cert' | 'tls10-only' }
  | { kind: 'http-proxy' }
  /** FreeRDP's shadow server with /sec:nla (test/harness/freerdp-shadow.ts): NLA only, NTLM from a SAM file. */
  | { kind: 'freerdp-shadow' };

/** An event Windows wrote, for the server's rdpEvents. */
export type ServerEvent = NonNullable<MachineState['rdpEvents']>[number];
