<#
.SYNOPSIS
    Windows PowerShell 5.1 compatibility over the real parser's AST. Parses each file listed (one
    path a line in the -List file) with
    [System.Management.Automation.Language.Parser]::ParseFile and prints one JSON array of
    problems: { file, line, rule, text }. Parse errors count as problems.
#>
param([Parameter(Mandatory = $true)][string]$List)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$Ast = [System.Management.Automation.Language.Ast]

# Parameters that PowerShell 6/7 added to cmdlets 5.1 has (their help's "This parameter was
# introduced in PowerShell 6.x/7.x"), by cmdlet.
$SevenOnlyParameters = @{
    'ForEach-Object'    = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob')
    'ConvertFrom-Json'  = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
    'ConvertTo-Json'    = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'SslProtocol', 'Authentication', 'Token', 'SkipHeaderValidation', 'SkipHttpErrorCheck', 'StatusCodeVariable', 'Resume', 'RetryIntervalSec', 'MaximumRetryCount', 'NoProxy', 'HttpVersion', 'CustomMethod', 'Form', 'AllowUnencryptedAuthentication', 'PreserveAuthorizationOnRedirect', 'ResponseHeadersVariable', 'SkipHeaderValidation')
    'Invoke-RestMethod' = @('SkipCertificateCheck', 'SslProtocol', 'Authentication', 'Token', 'SkipHeaderValidation', 'SkipHttpErrorCheck', 'StatusCodeVariable', 'Resume', 'RetryIntervalSec', 'MaximumRetryCount', 'NoProxy', 'HttpVersion', 'CustomMethod', 'Form', 'AllowUnencryptedAuthentication', 'PreserveAuthorizationOnRedirect', 'ResponseHeadersVariable', 'FollowRelLink')
    'Get-Content'       = @('AsByteStream')
    'Set-Content'       = @('AsByteStream')
    'Add-Content'       = @('AsByteStream')
    'Join-Path'         = @('AdditionalChildPath', 'Extension')
    'Split-Path'        = @('Extension', 'LeafBase')
    'Get-Date'          = @('UnixTimeSeconds', 'AsUTC')
    'Select-Object'     = @('SkipIndex', 'SkipLast')
    'Test-Connection'   = @('TargetName', 'Ping', 'Traceroute', 'MtuSize', 'TcpPort', 'Repeat', 'Detailed')
    'Start-Process'     = @('Environment')
    'Get-ChildItem'     = @('FollowSymlink')
    'Remove-Item'       = @('Stream')
    'Import-Module'     = @('UseWindowsPowerShell', 'SkipEditionCheck')
    'Out-File'          = @('NoNewline')
    'Group-Object'      = @('CaseSensitive')
    'Sort-Object'       = @('Top', 'Bottom', 'Stable')
    'Get-Process'       = @('IncludeUserName')
}
$SevenOnlyCommands = @('Test-Json', 'Get-Error', 'ConvertFrom-Markdown', 'Get-Uptime', 'Remove-Alias', 'Remove-Service', 'Join-String', 'ConvertTo-CliXml', 'ConvertFrom-CliXml', 'Get-SecureRandom')
# -Encoding values 5.1 does not know.
$SevenOnlyEncodings = @('utf8NoBOM', 'utf8BOM', 'ansi')

function Find-Problem {
    param([Parameter(Mandatory = $true)][string]$File)
    $tokens = $null
    $errors = $null
    $tree = [System.Management.Automation.Language.Parser]::ParseFile($File, [ref]$tokens, [ref]$errors)
    foreach ($parseError in $errors) {
        @{ file = $File; line = $parseError.Extent.StartLineNumber; rule = 'parses'; text = $parseError.Message }
    }
    $found = $tree.FindAll({ param($node) $true }, $true)
    foreach ($node in $found) {
        $rule = $null
        $typeName = $node.GetType().Name
        if ($typeName -eq 'TernaryExpressionAst') { $rule = 'no ternary operator (?:) in 5.1' }
        elseif ($typeName -eq 'PipelineChainAst') { $rule = 'no && / || pipeline chains in 5.1' }
        elseif ($typeName -eq 'BinaryExpressionAst' -and [string]$node.Operator -eq 'QuestionQuestion') { $rule = 'no ?? operator in 5.1' }
        elseif ($typeName -eq 'AssignmentStatementAst' -and [string]$node.Operator -eq 'QuestionQuestionEquals') { $rule = 'no ??= operator in 5.1' }
        elseif (($typeName -eq 'MemberExpressionAst' -or $typeName -eq 'InvokeMemberExpressionAst' -or $typeName -eq 'IndexExpressionAst') -and $node.PSObject.Properties['NullConditional'] -and $node.NullConditional) { $rule = 'no ?. / ?[] null-conditional access in 5.1' }
        elseif ($typeName -eq 'ScriptBlockAst' -and $node.PSObject.Properties['CleanBlock'] -and $null -ne $node.CleanBlock) { $rule = 'no clean {} block in 5.1' }
        elseif ($typeName -eq 'BinaryExpressionAst' -and [string]$node.Operator -like '*replace' -and $node.Right -is [System.Management.Automation.Language.ArrayLiteralAst] -and @($node.Right.Elements | Where-Object -FilterScript { $_ -is [System.Management.Automation.Language.ScriptBlockExpressionAst] }).Count -gt 0) { $rule = 'no scriptblock substitution in -replace in 5.1' }
        elseif ($typeName -eq 'CommandAst') {
            $name = $node.GetCommandName()
            if ($name -and $SevenOnlyCommands -contains $name) { $rule = "$name does not exist in 5.1" }
            $elements = @($node.CommandElements)
            for ($index = 1; $index -lt $elements.Count; $index++) {
                $element = $elements[$index]
                if ($element -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
                if ($name -and $SevenOnlyParameters.ContainsKey($name) -and $SevenOnlyParameters[$name] -contains $element.ParameterName) {
                    $rule = "$name -$($element.ParameterName) is PowerShell 6+ only"
                }
                if ($element.ParameterName -eq 'Encoding') {
                    $value = $element.Argument
                    if ($null -eq $value -and $index + 1 -lt $elements.Count) { $value = $elements[$index + 1] }
                    if ($null -ne $value -and $SevenOnlyEncodings -contains ([string]$value.Extent.Text).Trim("'", '"')) { $rule = "-Encoding $($value.Extent.Text) is PowerShell 6+ only" }
                }
            }
        }
        if ($rule) { @{ file = $File; line = $node.Extent.StartLineNumber; rule = $rule; text = $node.Extent.Text.Split("`n")[0] } }
    }
    # "`u{263A}" escapes are PowerShell 6+; in 5.1 they are the letters u{263A}.
    foreach ($token in $tokens) {
        if (($token.Kind -eq 'StringExpandable' -or $token.Kind -eq 'HereStringExpandable') -and $token.Text -match '`u\{') {
            @{ file = $File; line = $token.Extent.StartLineNumber; rule = 'no `u{} escapes in 5.1'; text = $token.Text }
        }
    }
}

$paths = @([System.IO.File]::ReadAllLines($List) | Where-Object -FilterScript { $_ -ne '' })
$problems = @(foreach ($file in $paths) { Find-Problem -File $file })
[Console]::Out.WriteLine((ConvertTo-Json -InputObject $problems -Depth 4 -Compress))
