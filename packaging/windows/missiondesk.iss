; Inno Setup script: wraps the one-folder Windows build (dist\win\MissionDesk) into MissionDesk-Setup-VERSION.exe.
; Build on Windows, in the project's venv:
;   pyinstaller --noconfirm --distpath dist\win packaging\missiondesk.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\missiondesk.iss
; (packaging/windows/stage.sh does both under wine.)
; Installs per user into %LOCALAPPDATA%\Programs\MissionDesk: no administrator rights on a mission laptop.
; The data stays in the user's profile (%LOCALAPPDATA%\MissionDesk), or beside the app when the
; "portable" task is chosen; uninstalling never removes it and says where it is.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\win\MissionDesk"
#endif
#ifndef Compression
  #define Compression "lzma2"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist\win"
#endif

[Setup]
AppId={{6F0D3C52-6C4B-4C55-9D0A-2B7F1E3C9A41}
AppName=MissionDesk
AppVersion={#AppVersion}
AppVerName=MissionDesk {#AppVersion}
AppPublisher=Ministry of Foreign Affairs
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\MissionDesk
DefaultGroupName=MissionDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
; The build is 64-bit (x64 Python and Qt): refuse 32-bit Windows, install in 64-bit mode.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; The console launcher's folder goes on the user's PATH (see AddToPath in [Code]).
ChangesEnvironment=yes
; A running MissionDesk holds its files open: ask to close it rather than fail half-way.
CloseApplications=yes
OutputDir={#OutputDir}
OutputBaseFilename=MissionDesk-Setup-{#AppVersion}
SetupIconFile=missiondesk.ico
UninstallDisplayIcon={app}\missiondesk.exe
UninstallDisplayName=MissionDesk
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
korean.PortableTask=모든 데이터를 프로그램 옆에 보관 (USB 사용)
english.PortableTask=Keep all data next to the program (USB use)
korean.DataKept=MissionDesk가 제거되었습니다. 사용자 데이터(데이터베이스, 백업, 키)는 지우지 않았습니다:%n%n%1%n%n더 이상 필요 없으면 이 폴더를 직접 지우십시오.
english.DataKept=MissionDesk was removed. Your data (database, backups, keys) was kept:%n%n%1%n%nDelete that folder yourself once you no longer need it.
korean.ConsoleName=MissionDesk 명령 프롬프트
english.ConsoleName=MissionDesk command prompt

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "portable"; Description: "{cm:PortableTask}"; Flags: unchecked

[Files]
; The console launcher is installed as missiondesk.com: typed as `missiondesk` in a console it wins
; over missiondesk.exe (PATHEXT lists .COM first) and prints there; the Start menu opens the window.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Excludes: "missiondesk-console.exe"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#SourceDir}\missiondesk-console.exe"; DestDir: "{app}"; DestName: "missiondesk.com"; Flags: ignoreversion

[Dirs]
Name: "{app}\data"; Tasks: portable

[INI]
; portable mode is a marker file beside the executable (see src/missiondesk/paths.py)
Filename: "{app}\missiondesk-portable"; Section: "portable"; Key: "enabled"; String: "1"; Tasks: portable

[Icons]
Name: "{group}\MissionDesk"; Filename: "{app}\missiondesk.exe"
Name: "{group}\{cm:ConsoleName}"; Filename: "{cmd}"; Parameters: "/k ""{app}\missiondesk.com"" --help"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\MissionDesk"; Filename: "{app}\missiondesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\missiondesk.exe"; Description: "{cm:LaunchProgram,MissionDesk}"; Flags: nowait postinstall skipifsilent

[Code]
function UserPath(): String;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Result) then
    Result := '';
end;

function NotOnPath(Dir: String): Boolean;
begin
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(UserPath()) + ';') = 0;
end;

procedure AddToPath(Dir: String);
var
  Path: String;
begin
  if not NotOnPath(Dir) then
    exit;
  Path := UserPath();
  // No empty element: some programs stop looking at the first one (wine's cmd does).
  if (Path <> '') and (Copy(Path, Length(Path), 1) <> ';') then
    Path := Path + ';';
  RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path + Dir);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
    AddToPath(ExpandConstant('{app}'));
end;

procedure RemoveFromPath(Dir: String);
var
  Path: String;
  P: Integer;
begin
  Path := ';' + UserPath() + ';';
  P := Pos(';' + Uppercase(Dir) + ';', Uppercase(Path));
  if P = 0 then
    exit;
  Delete(Path, P, Length(Dir) + 1);
  Path := Copy(Path, 2, Length(Path) - 2);
  if Path = '' then
    RegDeleteValue(HKEY_CURRENT_USER, 'Environment', 'Path')
  else
    RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path);
end;

function DataFolder(): String;
begin
  if FileExists(ExpandConstant('{app}\missiondesk-portable')) then
    Result := ExpandConstant('{app}\data')
  else
    Result := ExpandConstant('{localappdata}\MissionDesk');
end;

var
  KeptData: String;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    KeptData := DataFolder();
    RemoveFromPath(ExpandConstant('{app}'));
  end;
  if (CurUninstallStep = usPostUninstall) and DirExists(KeptData) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [KeptData]), mbInformation, MB_OK);
end;
