# Every RDP Doctor script's way in and out: its arguments arrive as base64 JSON (values never
# enter script text), and it prints exactly one JSON object. Windows PowerShell 5.1 syntax.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function ConvertFrom-EncodedArgs {
    param([Parameter(Mandatory = $true)][string]$Value)
    $json = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($Value))
    return ConvertFrom-Json -InputObject $json
}

function Format-IsoDate {
    param([Parameter(Mandatory = $true)][datetime]$Date)
    # PowerShell 5.1 writes dates as "\/Date(...)\/"; the app reads ISO 8601.
    return $Date.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [System.Globalization.CultureInfo]::InvariantCulture)
}

function Write-Envelope {
    param([Parameter(Mandatory = $true)][hashtable]$Envelope)
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject $Envelope -Depth 10 -Compress))
}

# Runs the body and prints exactly one JSON object: its facts, or the error it threw.
function Invoke-RdpDoctorScript {
    param([Parameter(Mandatory = $true)][scriptblock]$Body)
    try {
        $facts = & $Body
        Write-Envelope -Envelope @{ ok = $true; facts = $facts }
    } catch {
        Write-Envelope -Envelope @{
            ok    = $false
            error = @{ message = $_.Exception.Message; type = $_.Exception.GetType().FullName }
        }
    }
}
