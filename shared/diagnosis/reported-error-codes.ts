import type { Finding } from '../results';
import { parseReportedError } from '../reported-error-text';
import { EXTENDED, EXTENDED_HINT, FAMILIES, MESSAGES, NONE, OTHER, REASONS, type CodeMeaning } from './reported-error-meanings';
export { readReportedError } from '../reported-error-text';

/*
 * The error the user reported, explained (what it means, which causes it points to) and weighed
 * into the findings. What each code means, in Microsoft's words, is reported-error-meanings.ts.
 */

const hex = (n: number) => `0x${n.toString(16)}`;
/** A sentence or Microsoft's words without their last period, to join into one sentence. */
const withoutFinalPeriod = (s: string) => s.replace(/\.$/, '');

/** OnDisconnected's "This is not an error code": a session that ended as it should. */
const NORMAL_ENDS = new Set([1, 2]);

/** A reason the list does not have may be an extended code typed alone ("0x112f", "0x4"). */
const meaningOfReason = (n: number): (CodeMeaning & { extendedAlone: boolean }) | null =>
  REASONS[n] || OTHER[n]
    ? { ...(REASONS[n] ?? OTHER[n]!), extendedAlone: false }
    : EXTENDED[n]
      ? { ...EXTENDED[n], extendedAlone: true }
      : null;

/** A disconnect reason as Remote Desktop's own log writes it (1026), in one plain phrase; null when Microsoft lists none. */
export const plainReason = (n: number): string | null => {
  const meaning = REASONS[n] ?? OTHER[n];
  return meaning ? withoutFinalPeriod(meaning.plain) : null;
};

export interface ReportedErrorExplanation {
  /** How the page names it: "0x904 (extended 0x7)". */
  label: string;
  /** Microsoft's names and meanings in one short line, for the evidence ("disconnectReasonSocketConnectFailed: Windows Sockets connect failed"). */
  names: string;
  /** One plain sentence: what it means. */
  plain: string;
  /** Microsoft's names and words, for helpdesk. */
  technical: string;
  /**
   * What RDP Doctor does with it: 'deepest' for 0x904/0x7, 'checks' when checks can explain it,
   * 'none' when none can, 'not-an-error' for Microsoft's "this is not an error code" (a normal
   * end), 'unknown' when Microsoft lists no such code.
   */
  coverage: 'deepest' | 'checks' | 'none' | 'not-an-error' | 'unknown';
  causes: readonly string[];
  learnMore?: string;
}

/** The explanation for a canonical token (shared/reported-error.ts); null for one the schema refuses. */
export function explainReportedError(token: string): ReportedErrorExplanation | null {
  const e = parseReportedError(token);
  if (!e) return null;
  if (e.message) {
    const m = MESSAGES[e.message];
    return {
      label: `"${m.name}"`,
      names: m.name!,
      plain: `"${m.name}" means ${m.plain}`,
      technical: m.meaning,
      coverage: 'checks',
      causes: m.causes,
      learnMore: m.learnMore,
    };
  }
  const reason = meaningOfReason(e.reason!);
  const extended = e.extended === null ? null : (EXTENDED[e.extended] ?? null);
  const label = e.extended === null ? hex(e.reason!) : `${hex(e.reason!)} (extended ${hex(e.extended)})`;
  if (!reason && !extended)
    return {
      label,
      names: 'not a listed code',
      plain: `Microsoft does not list ${label} among Remote Desktop's error codes, so RDP Doctor cannot say what it means; check the number, or paste the whole message.`,
      technical: `${label}: in neither IMsTscAxEvents::OnDisconnected nor ExtendedDisconnectReasonCode.`,
      coverage: 'unknown',
      causes: NONE,
    };
  // Extended 0x0 is "no additional information": it adds nothing to what the reason says.
  const detail = e.extended === 0 ? null : extended;
  const parts = [reason, detail].filter((m): m is CodeMeaning => m !== null);
  const causes = [...new Set(parts.flatMap((p) => p.causes))];
  const deepest = e.reason === 2308 && (e.extended === null || e.extended === 7);
  // With an extended code, the reason's own hint about it goes; the rest of its sentence stays
  // (0x907's "people meet it with certificate errors", 0x106's "close some programs").
  const sentence = parts.map((p) => withoutFinalPeriod(e.extended === null ? p.plain : p.plain.replace(EXTENDED_HINT, ''))).join('; ');
  const technical = [
    reason
      ? `${hex(e.reason!)} = ${e.reason} ${reason.name ?? '(no name)'}${reason.extendedAlone ? ' (an extended code)' : ''}: ${reason.meaning}`
      : `${hex(e.reason!)}: not a listed disconnect reason.`,
    ...(extended ? [`extended ${hex(e.extended!)} ${extended.name}: ${extended.meaning}`] : []),
  ].join(' ');
  const names = parts.map((p) => `${p.name ?? 'no name'}: ${withoutFinalPeriod(p.meaning)}`).join('; ');
  return {
    label,
    names,
    plain: `${label} means ${sentence}.`,
    technical,
    coverage: deepest ? 'deepest' : causes.length ? 'checks' : NORMAL_ENDS.has(e.reason!) && !detail ? 'not-an-error' : 'none',
    causes,
  };
}

/** What RDP Doctor does with it, in one plain sentence under the explanation (the first step). */
export const coverageSentence: Record<ReportedErrorExplanation['coverage'], string> = {
  deepest: 'This is the error RDP Doctor checks most deeply.',
  checks: 'RDP Doctor runs the checks that can explain it, and puts what points to it first.',
  none: 'RDP Doctor cannot check this one: none of its checks can see the cause. It still checks everything else.',
  'not-an-error':
    'That is how a session ends normally. If connecting fails, give the error Remote Desktop shows then, or leave this empty.',
  unknown: '',
};

const BOOST = 15;
/** A cause of another family cannot produce this error (a certificate does not stop TCP connecting). */
const OTHER_FAMILY = 40;

/**
 * The causes the reported error points to move up, each with the code as evidence; causes of the
 * other families (name, reach, security) move down; the rest stay. A code no check can explain
 * adds one finding that says so, with what it means; an unknown code changes nothing (it is
 * shown, not guessed at).
 */
export function considerReportedError(findings: Finding[], reported: string | undefined): Finding[] {
  if (!reported) return findings;
  const explained = explainReportedError(reported);
  if (!explained) return findings;
  if (explained.coverage === 'none') return [...findings, cannotCheckFinding(reported, explained)];
  // An unknown code and a normal end point to no cause: nothing below moves.
  const causes = explained.causes;
  const own = FAMILIES.filter((family) => family.some((id) => causes.includes(id)));
  // Stryker disable next-line ArrayDeclaration: no finding has the id the mutant puts in
  const others = new Set(own.length ? FAMILIES.filter((family) => !own.includes(family)).flat() : []);
  return findings.map((f) => {
    if (others.has(f.id) && !causes.includes(f.id)) return { ...f, score: Math.max(0, f.score - OTHER_FAMILY) };
    if (!causes.includes(f.id) || f.contradicted) return f;
    const checkId = f.evidence[0]?.checkId ?? 'rdp-handshake';
    return {
      ...f,
      score: f.score + BOOST,
      evidence: [...f.evidence, { checkId, label: 'The error you see now', value: `${reported} (${explained.names}) points to this.` }],
    };
  });
}

function cannotCheckFinding(reported: string, explained: ReportedErrorExplanation): Finding {
  return {
    id: 'reported-error-not-checkable',
    title: `RDP Doctor cannot check what causes ${explained.label}`,
    plain: `${explained.plain} No check RDP Doctor runs can see this, so what it found below is about other problems; ask whoever manages the server.`,
    technical: `${explained.technical} No check of RDP Doctor reads this cause.`,
    likelihood: 'possible',
    score: 0,
    kind: 'symptom',
    evidence: [{ checkId: 'rdp-handshake', label: 'The error you reported', value: reported }],
    fixIds: [],
  };
}
