# Bootstraps and runs the LlmOps build on Windows (NUKE's conventions; see build.sh for the reasoning).
[CmdletBinding()]
Param([Parameter(Position = 0, Mandatory = $false, ValueFromRemainingArguments = $true)][string[]]$BuildArguments)

$ErrorActionPreference = "Stop"
$ProgressPreference = "SilentlyContinue"
$ScriptRoot = Split-Path $MyInvocation.MyCommand.Path -Parent
$BuildProjectFile = Join-Path $ScriptRoot "build/_build.csproj"
$BuildDll = Join-Path $ScriptRoot "build/bin/_build.dll"
$TempDirectory = Join-Path $ScriptRoot ".nuke/temp"
$StampFile = Join-Path $TempDirectory "build.stamp"
$DotNetGlobalFile = Join-Path $ScriptRoot "global.json"
$DotNetInstallUrl = "https://dot.net/v1/dotnet-install.ps1"

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1
$env:LLMOPS_ROOT = $ScriptRoot

function ExecSafe([scriptblock] $cmd) { & $cmd; if ($LASTEXITCODE) { exit $LASTEXITCODE } }

# Fast path: nothing under build/, pipelines/ or src/ changed since the last build.
if ((Test-Path $BuildDll) -and (Test-Path $StampFile) -and -not $env:LLMOPS_FORCE_BUILD -and (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    $stamp = (Get-Item $StampFile).LastWriteTimeUtc
    $changed = Get-ChildItem -Recurse -File -Path (Join-Path $ScriptRoot "build"), (Join-Path $ScriptRoot "pipelines"), (Join-Path $ScriptRoot "src") -Include *.cs, *.csproj, *.props, *.targets |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $stamp } | Select-Object -First 1
    if (-not $changed) { ExecSafe { & dotnet $BuildDll $BuildArguments }; exit 0 }
}

$required = (Get-Content $DotNetGlobalFile | ConvertFrom-Json).sdk.version
$majorMinor = $required.Substring(0, $required.LastIndexOf('.'))
$dotnet = Get-Command dotnet -ErrorAction SilentlyContinue
$ok = $dotnet -and ((& dotnet --list-sdks) | Where-Object { $_.StartsWith($majorMinor) -and [version]($_.Split(' ')[0]) -ge [version]$required })
if ($ok) {
    $DotNetExe = $dotnet.Path
} else {
    $DotNetDirectory = Join-Path $TempDirectory "dotnet-win"
    $DotNetExe = Join-Path $DotNetDirectory "dotnet.exe"
    if (-not (Test-Path $DotNetExe)) {
        New-Item -ItemType Directory -Path $TempDirectory -Force | Out-Null
        $installer = Join-Path $TempDirectory "dotnet-install.ps1"
        (New-Object System.Net.WebClient).DownloadFile($DotNetInstallUrl, $installer)
        ExecSafe { & powershell $installer -InstallDir $DotNetDirectory -Version $required -NoPath }
    }
    $env:DOTNET_ROOT = $DotNetDirectory
    $env:PATH = "$DotNetDirectory;$env:PATH"
}

New-Item -ItemType Directory -Path $TempDirectory -Force | Out-Null
$buildStart = Get-Date
# Each step says when it starts and how long it took: a first build takes minutes, and silence looks like a hang.
function Step([string]$Name, [scriptblock]$Command) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Write-Host "  $Name..."
    ExecSafe $Command
    Write-Host ("  {0}: done in {1:0} s" -f $Name, $watch.Elapsed.TotalSeconds)
}
Write-Host "Compiling the build project (sources under build/, pipelines/ or src/ changed)..."
Step "restoring packages" { & $DotNetExe restore $BuildProjectFile -nologo --verbosity quiet }
Step "building" { & $DotNetExe build $BuildProjectFile --no-restore -nologo -clp:NoSummary --verbosity quiet }
Write-Host ("Compiled in {0:0} s; later starts skip this until a source changes." -f ((Get-Date) - $buildStart).TotalSeconds)
New-Item -ItemType File -Path $StampFile -Force | Out-Null
(Get-Item $StampFile).LastWriteTimeUtc = $buildStart.ToUniversalTime()
ExecSafe { & $DotNetExe $BuildDll $BuildArguments }
