# The installed updates' dates, read without guessing the culture they were written in.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The day an update was installed, from Win32_QuickFixEngineering's own InstalledOn string, as
# "yyyy-MM-ddT00:00:00.000Z" (Windows keeps the day only: reported as that day, not converted),
# or $null when it is blank or cannot be read for certain. Never Get-HotFix's InstalledOn
# property: Windows PowerShell 5.1 parses it with the current culture, so a blank value fails
# (Sort-Object reports it as an error: microsoft/mdefordownlevelserver#15) and a US "11/10/2026"
# becomes 11 October on a German Windows. WMI gives "M/d/yyyy" on most machines, the OS culture's
# short date on others (potatoqualitee/kbupdate#167): a day-month order that both readings allow
# and the culture writes the same way ("11/10/2026" on en-GB) is left unknown, never guessed.
function ConvertFrom-HotFixInstalledOn {
    param([AllowNull()][AllowEmptyString()][string]$Value)
    if ($null -eq $Value) { return $null }
    $text = $Value.Trim()
    $iso = [regex]::Match($text, '^(\d{4})-(\d{1,2})-(\d{1,2})$')
    $parts = [regex]::Match($text, '^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$')
    $candidates = @()
    if ($iso.Success) {
        $candidates = @(, @([int]$iso.Groups[1].Value, [int]$iso.Groups[2].Value, [int]$iso.Groups[3].Value))
    } elseif ($parts.Success) {
        $first = [int]$parts.Groups[1].Value
        $second = [int]$parts.Groups[3].Value
        $year = [int]$parts.Groups[4].Value
        $separator = $parts.Groups[2].Value
        $format = [System.Globalization.CultureInfo]::CurrentCulture.DateTimeFormat
        $dayFirst = ($format.ShortDatePattern -match '^[^A-Za-z]*d')
        if ($separator -eq '.') {
            # No culture writes a dotted date month first; WMI's own form uses slashes.
            $candidates = @(, @($year, $second, $first))
        } elseif ($dayFirst -and $separator -eq $format.DateSeparator) {
            # The culture's own d/M/yyyy and WMI's M/d/yyyy look alike: only a day > 12 tells.
            $candidates = @(@($year, $first, $second), @($year, $second, $first))
        } else {
            # WMI's M/d/yyyy, or d/M/yyyy where the first number cannot be a month.
            $candidates = @(, @($year, $first, $second))
            if ($first -gt 12) { $candidates = @(, @($year, $second, $first)) }
        }
    }
    $days = @($candidates | Where-Object -FilterScript {
            $_[1] -ge 1 -and $_[1] -le 12 -and $_[0] -ge 1601 -and $_[2] -ge 1 -and $_[2] -le [datetime]::DaysInMonth($_[0], $_[1])
        } | ForEach-Object -Process { '{0:d4}-{1:d2}-{2:d2}' -f $_[0], $_[1], $_[2] } | Select-Object -Unique)
    if ($days.Count -ne 1) { return $null }
    return $days[0] + 'T00:00:00.000Z'
}

# The moment, in UTC, at which the computer's day "yyyy-MM-ddT00:00:00.000Z" (a day that
# ConvertFrom-HotFixInstalledOn gave) began in its time zone ($Zone, Get-TimeZone): WMI's day is
# the computer's own, and the Remote Desktop log's times are UTC, so only this says whether an
# update came before or after an attempt. Where daylight saving time starts at midnight, that
# local midnight does not exist (TimeZoneInfo.IsInvalidTime) and the day begins an hour later.
function ConvertTo-UpdateDayStart {
    param([AllowNull()][AllowEmptyString()][string]$Day, [Parameter(Mandatory = $true)][System.TimeZoneInfo]$Zone)
    if (-not $Day) { return $null }
    $midnight = [datetime]::ParseExact($Day.Substring(0, 10), 'yyyy-MM-dd', [System.Globalization.CultureInfo]::InvariantCulture)
    while ($Zone.IsInvalidTime($midnight)) { $midnight = $midnight.AddMinutes(30) }
    return Format-IsoDate -Date ([System.TimeZoneInfo]::ConvertTimeToUtc($midnight, $Zone))
}
