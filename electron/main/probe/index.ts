/** The probe's public surface for the handler table and the CLI. */
export { probeTarget, stageTimeouts, DEFAULT_TIMEOUT_MS, type ProbeOptions, type ProbeProgress, type ProbeStage } from './probe';
export { resolveAll } from './dns';
export { connectAll, connectOnce } from './tcp';
export { buildConnectionRequest, parseConnectionConfirm } from './x224';
export { classifyTlsError } from './tls';
export { NEGOTIATION_REQUESTS } from './verdict';
