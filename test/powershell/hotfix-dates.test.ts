import { beforeAll, describe, expect, it } from 'vitest';
import { healthyClient, healthyServer } from './machines';
import { runOnMachines, type Envelope } from './pwsh';

/*
 * check-client-updates.ps1 and check-server-updates.ps1 under Windows PowerShell 5.1's behaviour
 * (test/fake-windows/WindowsPowerShell51.ps1 and Get-HotFix in System.ps1): 5.1's InstalledOn
 * getter parses WMI's string with the machine's culture, and Sort-Object reports a getter that
 * fails as an error the scripts' 'Stop' makes fatal (microsoft/mdefordownlevelserver#15). WMI's
 * string is "M/d/yyyy" on most machines and the OS culture's short date on others
 * (potatoqualitee/kbupdate#167). Each update's day is the right one, or unknown: never another day.
 */
type Hotfix = { id: string; installedOn: string | null };
const hotfixesOf = (facts: unknown) => (facts as { hotfixes: Hotfix[] }).hotfixes;
const day = (iso: string) => `${iso}T00:00:00.000Z`;

const WMI_STRINGS = [
  { hotFixId: 'KB1000001', description: 'Security Update', installedOn: '15.10.2026' },
  { hotFixId: 'KB1000002', description: 'Security Update', installedOn: '11/10/2026' },
  { hotFixId: 'KB1000003', description: 'Update', installedOn: '' },
  { hotFixId: 'KB1000004', description: 'Update', installedOn: 'not a date' },
  { hotFixId: 'KB1000005', description: 'Update', installedOn: '25/10/2026' },
  { hotFixId: 'KB1000006', description: 'Update', installedOn: '2/30/2026' },
];

const machines = (culture: string | null) => {
  const withCulture = <T extends Record<string, unknown>>(m: T) => ({ ...m, ...(culture ? { culture } : {}), hotfixes: WMI_STRINGS });
  return [
    { state: withCulture(healthyClient()), script: 'check-client-updates.ps1' },
    { state: withCulture(healthyServer()), script: 'check-server-updates.ps1', elevated: true },
  ];
};

let blank: Envelope;
let pacific: Envelope;
let tokyo: Envelope;
const byCulture: Record<string, Envelope[]> = {};

beforeAll(async () => {
  const cultures = ['de-DE', 'en-GB', 'en-US'];
  const inZone = (utcOffsetMinutes: number) => ({
    ...healthyClient(),
    culture: 'en-US',
    hotfixes: WMI_STRINGS,
    timeZone: { utcOffsetMinutes },
  });
  const runs = [
    { state: healthyClient(), script: 'check-client-updates.ps1' },
    ...cultures.flatMap((c) => machines(c)),
    { state: inZone(-480), script: 'check-client-updates.ps1' },
    { state: inZone(540), script: 'check-client-updates.ps1' },
  ];
  const answers = await runOnMachines(runs);
  blank = answers[0]!;
  cultures.forEach((c, i) => (byCulture[c] = answers.slice(1 + i * 2, 3 + i * 2)));
  [pacific, tokyo] = answers.slice(1 + cultures.length * 2) as [Envelope, Envelope];
}, 180_000);

describe('installed updates: the day Windows recorded, or unknown (check-client-updates.ps1, check-server-updates.ps1)', () => {
  it('a blank InstalledOn does not fail the client check under 5.1 (Sort-Object); the list is newest first', () => {
    expect(blank.error).toBeUndefined();
    const hotfixes = hotfixesOf(blank.facts);
    expect(hotfixes.map((h) => h.id)).toEqual(['KB5036893', 'KB5034441', 'KB5011048']);
    expect(hotfixes.at(-1)!.installedOn).toBeNull();
  });

  it("on a German Windows: a dotted date is day first, a slashed one is WMI's M/d/yyyy, anything else unknown", () => {
    const results = byCulture['de-DE']!;
    for (const result of results) {
      expect(result.error).toBeUndefined();
      const byId = Object.fromEntries(hotfixesOf(result.facts).map((h) => [h.id, h.installedOn]));
      expect(byId).toEqual({
        KB1000001: day('2026-10-15'),
        KB1000002: day('2026-11-10'),
        KB1000003: null,
        KB1000004: null,
        KB1000005: day('2026-10-25'),
        KB1000006: null,
      });
    }
    // Newest first, the unknown ones last.
    expect(
      hotfixesOf(results[0]!.facts)
        .map((h) => h.id)
        .slice(0, 3),
    ).toEqual(['KB1000002', 'KB1000005', 'KB1000001']);
  });

  it('on a British Windows (d/M/yyyy): a slashed date both ways can read is unknown, never a guess', () => {
    const results = byCulture['en-GB']!;
    for (const result of results) {
      expect(result.error).toBeUndefined();
      const byId = Object.fromEntries(hotfixesOf(result.facts).map((h) => [h.id, h.installedOn]));
      expect(byId).toMatchObject({ KB1000001: day('2026-10-15'), KB1000002: null, KB1000005: day('2026-10-25'), KB1000006: null });
    }
  });

  it('on a US Windows: M/d/yyyy as WMI writes it', () => {
    const results = byCulture['en-US']!;
    for (const result of results) {
      expect(result.error).toBeUndefined();
      const byId = Object.fromEntries(hotfixesOf(result.facts).map((h) => [h.id, h.installedOn]));
      expect(byId).toMatchObject({ KB1000002: day('2026-11-10'), KB1000005: day('2026-10-25'), KB1000006: null });
    }
  });

  it("says when each update's day began on the computer's own clock, in UTC like the Remote Desktop log (lib/update-dates.ps1's ConvertTo-UpdateDayStart over Get-TimeZone)", () => {
    // UTC-8 (no daylight saving time): 10 November began at 08:00 UTC; UTC+9: at 15:00 UTC the day before.
    const startOf = (e: Envelope) =>
      Object.fromEntries(
        (e.facts as { hotfixes: Array<Hotfix & { dayStartsAt: string | null }> }).hotfixes.map((h) => [h.id, h.dayStartsAt]),
      );
    expect(pacific.error).toBeUndefined();
    expect(startOf(pacific)).toMatchObject({
      KB1000002: '2026-11-10T08:00:00.000Z',
      KB1000005: '2026-10-25T08:00:00.000Z',
      KB1000003: null,
    });
    expect(startOf(tokyo)).toMatchObject({ KB1000002: '2026-11-09T15:00:00.000Z', KB1000005: '2026-10-24T15:00:00.000Z', KB1000006: null });
    // The day itself is the one Windows wrote, whatever the zone.
    expect(hotfixesOf(tokyo.facts).find((h) => h.id === 'KB1000002')!.installedOn).toBe(day('2026-11-10'));
  });
});
