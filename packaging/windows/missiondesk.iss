; Inno Setup script: wraps the one-folder build (dist\MissionDesk) into MissionDesk-Setup.exe.
; Build on Windows: run PyInstaller (packaging\missiondesk.spec), then `iscc packaging\windows\missiondesk.iss`.
; Installs per user (no administrator rights on a mission laptop); data stays in the user's profile,
; or beside the app when the "portable" task is chosen.
#define AppVersion "0.1.0"

[Setup]
AppId={{6F0D3C52-6C4B-4C55-9D0A-2B7F1E3C9A41}
AppName=MissionDesk
AppVersion={#AppVersion}
AppPublisher=Ministry of Foreign Affairs
DefaultDirName={localappdata}\Programs\MissionDesk
DefaultGroupName=MissionDesk
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=MissionDesk-Setup-{#AppVersion}
SetupIconFile=missiondesk.ico
UninstallDisplayIcon={app}\missiondesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "portable"; Description: "Keep all data next to the program (USB use)"; Flags: unchecked

[Files]
Source: "..\..\dist\MissionDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
Name: "{app}\data"; Tasks: portable

[INI]
; portable mode is a marker file beside the executable (see src/missiondesk/paths.py)
Filename: "{app}\missiondesk-portable"; Section: "portable"; Key: "enabled"; String: "1"; Tasks: portable

[Icons]
Name: "{group}\MissionDesk"; Filename: "{app}\missiondesk.exe"
Name: "{autodesktop}\MissionDesk"; Filename: "{app}\missiondesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\missiondesk.exe"; Description: "{cm:LaunchProgram,MissionDesk}"; Flags: nowait postinstall skipifsilent
