; Inno Setup 6 script of GridDesk's Windows installer. Built by build.ps1 beside it, which
; passes /DAppVersion (desktop/__init__.py's) and /DBundleDir (the bundle `py -3.11 -m installer
; build` made from installer/griddesk.spec, the same spec as Linux's).
;
; It installs the bundle in Program Files, a Start menu entry (griddeskw.exe: no console window),
; the centre's configuration file %ProgramData%\GridDesk\griddesk.toml (kept on upgrades and on
; uninstall; readable by Administrators, SYSTEM and the local group "GridDesk Operators" only,
; as it may hold the database's password). Uninstalling keeps every operator's data
; (%LOCALAPPDATA%\GridDesk) and the configuration file.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\griddesk"
#endif
#define OperatorsGroup "GridDesk Operators"

[Setup]
AppId={{6F0E3B52-3C1D-4B7A-9E51-5D3A2C8B9F10}
AppName=GridDesk 网格指挥台
AppVersion={#AppVersion}
AppVerName=GridDesk 网格指挥台 {#AppVersion}
AppPublisher=GridDesk
DefaultDirName={autopf}\GridDesk
DefaultGroupName=GridDesk 网格指挥台
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=griddesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\griddesk.ico
UninstallDisplayIcon={app}\griddesk.exe
UninstallDisplayName=GridDesk 网格指挥台
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern
; QtWebEngine's files are many; a running GridDesk holds them, so close it first.
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the whole bundle: nothing of an older version's Python or Qt may linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\griddesk.toml"; DestDir: "{commonappdata}\GridDesk"; Flags: onlyifdoesntexist uninsneveruninstall
Source: "..\README.md"; DestDir: "{app}"; DestName: "INSTALLING.md"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\GridDesk 网格指挥台"; Filename: "{app}\griddeskw.exe"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\GridDesk 网格指挥台"; Filename: "{app}\griddeskw.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
; The operators' group (an error when it exists already is expected and ignored), then the
; configuration file for Administrators, SYSTEM and that group only.
Filename: "{sys}\net.exe"; Parameters: "localgroup ""{#OperatorsGroup}"" /add /comment:""May read GridDesk's configuration"""; Flags: runhidden waituntilterminated
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\GridDesk\griddesk.toml"" /inheritance:r /grant:r *S-1-5-32-544:F *S-1-5-18:F ""{#OperatorsGroup}"":R"; Flags: runhidden waituntilterminated
Filename: "{app}\griddeskw.exe"; Description: "{cm:LaunchProgram,GridDesk}"; Flags: nowait postinstall skipifsilent
