import { randomUUID } from 'node:crypto';
import type { Ports } from './ports';
import { runScan } from './scan/run-scan';
import { FixEngine, type FixEngineOptions } from './fixes/run-fix';
import { previewFix } from './fixes/fix-preview';
import { describeCommands } from './commands/describe';
import { withPromptPreview } from './elevation/prompt-preview';
import { remoteHandlers } from './remote/handlers';
import { desktopHandlers } from './desktop/handlers';
import type { HandlerTable } from './handler-table';
import { withShownPaths } from './shown-paths';

export type { HandlerContext, HandlerTable } from './handler-table';

/**
 * The whole main-process API as plain functions over ports. It never imports electron: index.ts
 * binds it to ipcMain, and the e2e tests bind the same table to Playwright's exposeBinding.
 */
export function createHandlers(ports: Ports, fixOptions: FixEngineOptions = {}): HandlerTable {
  const fixes = new FixEngine(ports, fixOptions);
  const running = new Map<string, AbortController>();

  const table: HandlerTable = {
    async getAppInfo() {
      return {
        version: ports.version,
        platform: ports.platform,
        windowsBackend: ports.windows.description,
        scenarios: ports.scenarios,
      };
    },

    async runScan(request, ctx) {
      const scanId = randomUUID();
      const controller = new AbortController();
      running.set(scanId, controller);
      try {
        return await runScan(ports, request, {
          scanId,
          signal: controller.signal,
          onProgress: (event) => ctx.emit('scanProgress', event),
        });
      } finally {
        running.delete(scanId);
      }
    },

    async cancelScan({ scanId }) {
      const controller = running.get(scanId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },

    async previewFix({ fixId, target }) {
      return withPromptPreview(ports, previewFix(ports, fixId, target, fixes.plannedBackup(fixId, target).backupDir), target);
    },

    async applyFix({ fixId, target, confirmedSecurityChange, revertAfterMinutes }) {
      return fixes.apply(fixId, target, confirmedSecurityChange ?? false, revertAfterMinutes ?? null);
    },

    async undoFix({ journalId }) {
      return fixes.undo(journalId);
    },

    async listJournal() {
      // Through the engine: under the journal's lock, since a load may set a damaged journal aside.
      return fixes.entries();
    },

    async applyFixes({ fixIds, target, confirmedSecurityChange, revertAfterMinutes }) {
      return fixes.applyBatch(fixIds, target, confirmedSecurityChange ?? false, revertAfterMinutes ?? null);
    },

    async undoAll() {
      return fixes.undoAll();
    },

    async listInterrupted() {
      return fixes.pending();
    },

    async resolveInterrupted({ journalId, action }) {
      return fixes.resolveInterrupted(journalId, action);
    },

    async keepChange({ journalId }) {
      return fixes.keep(journalId);
    },

    async restartComputer({ journalId }) {
      return fixes.restart(journalId);
    },

    async cancelRestart({ journalId }) {
      return fixes.cancelRestart(journalId);
    },

    async loadServerReport({ target, text }) {
      return ports.servers.loadReport(target, text);
    },

    async describeCommands(request) {
      return describeCommands(ports, request, request.kind === 'fix' ? fixes.plannedBackup(request.fixId, request.target).backupDir : null);
    },

    ...remoteHandlers(ports),
    ...desktopHandlers(ports),
  };
  // The simulation shows its computers' folders as the Windows paths they stand for.
  return ports.shownPath ? withShownPaths(table, ports.shownPath) : table;
}
