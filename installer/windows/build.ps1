# Builds GridDesk for Windows on a Windows machine: the one-folder bundle (the same spec and
# resources as Linux: installer/griddesk.spec), its smoke test, and the Inno Setup installer.
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Needs Python 3.11 x64 with the py launcher, and Inno Setup 6 (ISCC.exe). installer\README.md
# says it step by step.
param(
    [string]$Out = "dist",
    # The smoke test's PostgreSQL steps need a server (GRIDDESK_TEST_PG, else 127.0.0.1:5432).
    [switch]$WithPostgres
)
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path (Join-Path $PSScriptRoot "..\.."))

function Invoke-Checked([string]$What, [scriptblock]$Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)" }
}

Invoke-Checked "pip" { py -3.11 -m pip install -r requirements.txt -r installer\requirements.txt }
Invoke-Checked "bundle" { py -3.11 -m installer build --out $Out }
$smoke = @("-m", "installer", "smoke", "$Out\griddesk")
if (-not $WithPostgres) { $smoke += "--without-postgres" }
Invoke-Checked "smoke test" { py -3.11 @smoke }

$version = (py -3.11 -c "from installer.bundle import version; print(version())").Trim()
$iscc = @(
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
    "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
) | Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $iscc) { throw "Inno Setup 6 is not installed (ISCC.exe not found)" }
$bundle = (Resolve-Path "$Out\griddesk").Path
$output = (Resolve-Path $Out).Path
Invoke-Checked "Inno Setup" {
    & $iscc "/DAppVersion=$version" "/DBundleDir=$bundle" "/O$output" installer\windows\griddesk.iss
}
Write-Host "installer: $output\griddesk-$version-setup.exe"
