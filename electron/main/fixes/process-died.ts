/**
 * Stands for the app (or its helper) being killed mid-fix: power loss, Task Manager, a crash.
 * The fault-injection tests throw it; the engine never catches it, so the journal is left exactly
 * as a real crash would leave it, and a new engine on the same journal must find and repair it.
 */
export class ProcessDied extends Error {
  constructor(where: string) {
    super(`The process was killed ${where}.`);
    this.name = 'ProcessDied';
  }
}
