/**
 * Channel and event names alone, without schemas, so the sandboxed preload stays a few lines of
 * code with no validator bundled into it. ipc-contract.ts ties each name to its types.
 */
export const channels = [
  'getAppInfo',
  'runScan',
  'cancelScan',
  'previewFix',
  'applyFix',
  'undoFix',
  'listJournal',
  'applyFixes',
  'undoAll',
  'listInterrupted',
  'resolveInterrupted',
  'keepChange',
  'connectRemote',
  'disconnectRemote',
  'remoteStatus',
  'makeFixScript',
  'launchRemoteDesktop',
  'showLog',
  'recentTargets',
  'lastDisconnect',
  'loadServerReport',
  'describeCommands',
  'saveReport',
  'saveFixScript',
  'showSavedFile',
  'restartComputer',
  'cancelRestart',
] as const;
export type Channel = (typeof channels)[number];

export type EventName = 'scanProgress';

/** The IPC channel string for a method; one prefix keeps them apart from Electron's own. */
export const ipcChannel = (c: Channel | EventName) => `rdp-doctor:${c}`;

/** The global the preload exposes. */
export const API_GLOBAL = 'rdpDoctor';
