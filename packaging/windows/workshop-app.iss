; Inno Setup script: wraps the PyInstaller one-folder build (dist\workshop-app) as a Windows
; installer. Built by .github/workflows/release.yml on a hosted Windows runner:
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\build\dist\workshop-app packaging\windows\workshop-app.iss
; Installs per user by default (no administrator needed on a borrowed laptop).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\dist\workshop-app"
#endif

[Setup]
AppId={{6C7B1C52-3B0E-4F59-9A53-6B7E0E7A2C11}
AppName=Workshop App
AppVersion={#AppVersion}
AppPublisher=Workshop App team
DefaultDirName={autopf}\Workshop App
DefaultGroupName=Workshop App
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\build
OutputBaseFilename=workshop-app-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\workshop-app.ico
UninstallDisplayIcon={app}\workshop-app.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "welsh"; MessagesFile: "compiler:Languages\Welsh.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Workshop App"; Filename: "{app}\workshop-app.exe"
Name: "{autodesktop}\Workshop App"; Filename: "{app}\workshop-app.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\workshop-app.exe"; Description: "{cm:LaunchProgram,Workshop App}"; Flags: nowait postinstall skipifsilent
