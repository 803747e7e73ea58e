import { expect } from 'vitest';
import type { MachineSnapshot } from '../../electron/main/simulated/simulated-windows';

/** Where a fix's backups live on the machine: C:\ProgramData\RDP Doctor\backups (kept for its undo). */
const isRdpDoctorsOwn = (path: string) => path.includes('RDP Doctor');

/**
 * The machine without the files RDP Doctor wrote for itself (its backups, which stay after an
 * undo so it can be checked): what "put back exactly as it was" compares.
 */
export function withoutBackups(snapshot: MachineSnapshot): MachineSnapshot {
  const keep = (section: Record<string, unknown> | undefined) =>
    section && Object.fromEntries(Object.entries(section).filter(([path]) => !isRdpDoctorsOwn(path)));
  return { ...snapshot, files: keep(snapshot.files), disk: keep(snapshot.disk) as Record<string, string> | undefined };
}

/** A task of the fake's Task Scheduler, as its state keeps it (test/fake-windows/Tasks.ps1). */
export interface FakeTask {
  taskPath: string;
  taskName: string;
  execute: string;
  arguments: string;
  startBoundary: string;
  userId: string;
  logonType: string;
  runLevel: string;
  startWhenAvailable: boolean;
}

/** The machine's scheduled tasks (none: an empty list). */
export const tasksOf = (snapshot: object): FakeTask[] => (snapshot as { scheduledTasks?: FakeTask[] }).scheduledTasks ?? [];

/**
 * The machine's one task, checked to be a timer as RDP Doctor registers it (lib/revert-timer.ps1):
 * in its own folder, once, as SYSTEM with the highest rights, started late if the computer was off,
 * run by Windows PowerShell.
 */
export function theRevertTask(snapshot: object): FakeTask {
  const tasks = tasksOf(snapshot);
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({
    taskPath: '\\RDP Doctor\\',
    userId: 'SYSTEM',
    logonType: 'ServiceAccount',
    runLevel: 'Highest',
    startWhenAvailable: true,
  });
  expect(tasks[0]!.execute).toMatch(/powershell\.exe$/);
  return tasks[0]!;
}
