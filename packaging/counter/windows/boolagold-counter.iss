; Inno Setup script: the counter's Windows installer (one setup .exe a jeweller double-clicks).
;
; Build the bundle first, on Windows, from the checkout root:
;     uv sync --frozen --group package
;     uv run --frozen --no-sync python packaging\counter\build.py
; then compile this script (Inno Setup 6):
;     iscc /DAppVersion=0.1.0 packaging\counter\windows\boolagold-counter.iss
; and the installer is dist\boolagold-counter-0.1.0-setup.exe.
;
; Per user: no administrator rights, the program goes to %LOCALAPPDATA%\Programs\BoolaGold Counter.
; The shop's data is never beside the program: the counter keeps it in the user's data folder
; (%LOCALAPPDATA%\BoolaGold\BoolaGold, from platformdirs), which this installer neither creates
; nor removes. Uninstalling removes the program only; installing a newer version over an older
; one is an upgrade, and the next start backs the database up and migrates it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "BoolaGold Counter"
#define BundleDir "..\..\..\dist\boolagold-counter"

[Setup]
; The AppId ties upgrades and the uninstaller to this program: never change it.
AppId={{9F27ECFC-C9E3-43CE-BB5B-EF45F8AEAB4C}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=BoolaGold
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\..\dist
OutputBaseFilename=boolagold-counter-{#AppVersion}-setup
UninstallDisplayIcon={app}\boolagold-counter-window.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running counter before files are replaced (its database is closed cleanly on exit).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder bundle. An upgrade first removes the old program's files (below), so a
; library dropped from a newer bundle cannot linger and be loaded by mistake.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
; The shortcuts start the window-only twin (no console beside the window).
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\boolagold-counter-window.exe"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\boolagold-counter-window.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\boolagold-counter-window.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what it installed, so the shop's invoices,
; stock and backups in the data folder stay.
