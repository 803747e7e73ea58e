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
