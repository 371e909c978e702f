<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ActivityQuickAdd</name>
    <message>
        <source>Channel: meeting, call, email, official letter, site visit</source>
        <translation>방식: 면담, 전화, 이메일, 공문, 현장 방문</translation>
    </message>
    <message>
        <source>What happened? Enter adds it to the timeline (Ctrl+Shift+A)</source>
        <translation>무슨 일이 있었나요? Enter를 누르면 활동 기록에 추가됩니다 (Ctrl+Shift+A)</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>보고서 저장…</translation>
    </message>
    <message>
        <source>Save acknowledgements for the missions…</source>
        <translation>공관용 확인서 저장…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>가져오는 중…</translation>
    </message>
    <message>
        <source>Importing bundles</source>
        <translation>번들 가져오는 중</translation>
    </message>
    <message>
        <source>attached files: {0} stored, {1} already here, {2} still to come</source>
        <translation>첨부 파일: {0}개 저장, {1}개 이미 있음, {2}개 도착 예정</translation>
    </message>
    <message>
        <source>A backup was taken first: {0}</source>
        <translation>가져오기 전에 백업했습니다: {0}</translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation>가져오지 않았습니다: {0}</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>가져오기 보고서 저장</translation>
    </message>
    <message>
        <source>Save acknowledgements (one file per device)</source>
        <translation>확인서 저장 (기기마다 한 파일)</translation>
    </message>
</context>
<context>
    <name>AttachmentsView</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>추가한 사람</translation>
    </message>
    <message>
        <source>Added on</source>
        <translation>추가한 때</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>다른 이름으로 저장…</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>휴지통으로 이동</translation>
    </message>
    <message>
        <source>Drop files here, or add them with the button.</source>
        <translation>파일을 여기에 끌어다 놓거나 버튼으로 추가하십시오.</translation>
    </message>
    <message>
        <source>Still to come</source>
        <translation>도착 예정</translation>
    </message>
    <message>
        <source>The file ({size}) has not reached this computer yet.</source>
        <translation>파일({size})이 아직 이 컴퓨터에 오지 않았습니다.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>파일 첨부</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Attaching files</source>
        <translation>파일 첨부 중</translation>
    </message>
    <message>
        <source>Fetching the file from HQ</source>
        <translation>본부에서 파일을 받는 중</translation>
    </message>
    <message>
        <source>Save the attachment as</source>
        <translation>첨부 파일 저장</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nothing in this period</source>
        <translation>이 기간에는 자료가 없습니다</translation>
    </message>
</context>
<context>
    <name>BriefDetail</name>
    <message>
        <source>Delivered to</source>
        <translation>제공 대상</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>제공 내역</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <source>Timeline</source>
        <translation>활동 기록</translation>
    </message>
    <message>
        <source>Next steps → task</source>
        <translation>후속 조치 → 할 일</translation>
    </message>
    <message>
        <source>A task of the selected activity&apos;s next steps, on this case, due on the date they name or a week later</source>
        <translation>선택한 활동의 후속 조치를 이 사례의 할 일로 만듭니다. 기한은 적힌 날짜, 없으면 일주일 뒤입니다</translation>
    </message>
    <message>
        <source>Partner referrals</source>
        <translation>협력기관 연계</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>연계</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>연결 자료</translation>
    </message>
    <message>
        <source>Task added, due {0}: {1}</source>
        <translation>할 일 추가됨, 기한 {0}: {1}</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>기업</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Briefs delivered to the company</source>
        <translation>이 기업에 제공한 시장정보</translation>
    </message>
    <message>
        <source>Council meetings that discussed it</source>
        <translation>이 사례를 다룬 지원협의회</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>할 일</translation>
    </message>
</context>
<context>
    <name>ChecksPage</name>
    <message>
        <source>Checks</source>
        <translation>검사</translation>
    </message>
    <message>
        <source>Each file is checked before anything is read into the database.</source>
        <translation>데이터베이스에 읽어 들이기 전에 파일마다 검사합니다.</translation>
    </message>
    <message>
        <source>File and check</source>
        <translation>파일과 검사</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Import the unverified bundles anyway (their device key is not registered here)</source>
        <translation>확인되지 않은 번들도 가져오기 (기기 키가 여기 등록되어 있지 않음)</translation>
    </message>
    <message>
        <source>Import the unverified files anyway (HQ&apos;s key is not trusted on this laptop)</source>
        <translation>확인되지 않은 파일도 가져오기 (이 노트북은 본부 키를 아직 신뢰하지 않음)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>Open with this password</source>
        <translation>이 암호로 열기</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>확인 중…</translation>
    </message>
    <message>
        <source>Checking bundles</source>
        <translation>번들 확인 중</translation>
    </message>
    <message>
        <source>The password does not open {0}. Enter its password again.</source>
        <translation>이 암호로는 {0} 파일이 열리지 않습니다. 암호를 다시 입력하십시오.</translation>
    </message>
    <message>
        <source>{0} is protected with a password. Enter it to check the file.</source>
        <translation>{0} 파일은 암호로 보호되어 있습니다. 파일을 검사하려면 암호를 입력하십시오.</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>이미 가져옴</translation>
    </message>
    <message>
        <source>nothing will change</source>
        <translation>바뀌는 것 없음</translation>
    </message>
    <message>
        <source>{0} of {1} files can be imported.</source>
        <translation>파일 {1}개 중 {0}개를 가져올 수 있습니다.</translation>
    </message>
    <message>
        <source>Refused files are left out; nothing of them is read in.</source>
        <translation>거부된 파일은 제외되며 아무것도 읽어 들이지 않습니다.</translation>
    </message>
    <message>
        <source>To verify HQ&apos;s files, ask HQ&apos;s administrator for HQ&apos;s key card and trust it once: missiondesk trust-key FILE.</source>
        <translation>본부 파일을 확인하려면 본부 관리자에게 본부 키 카드를 받아 한 번 신뢰로 등록하십시오: missiondesk trust-key 파일.</translation>
    </message>
    <message>
        <source>file: size, zip structure, macros, XML, rows</source>
        <translation>파일: 크기, zip 구조, 매크로, XML, 행 수</translation>
    </message>
    <message>
        <source>manifest</source>
        <translation>매니페스트</translation>
    </message>
    <message>
        <source>schema version</source>
        <translation>스키마 버전</translation>
    </message>
    <message>
        <source>SHA-256 of the changes</source>
        <translation>변경 내용의 SHA-256</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>서명</translation>
    </message>
    <message>
        <source>changes (ops)</source>
        <translation>변경 내역(op)</translation>
    </message>
    <message>
        <source>readable sheets</source>
        <translation>읽기용 시트</translation>
    </message>
    <message>
        <source>acknowledgement</source>
        <translation>수신 확인</translation>
    </message>
    <message>
        <source>attached files</source>
        <translation>첨부 파일</translation>
    </message>
    <message>
        <source>{0} parts, {1} rows</source>
        <translation>파트 {0}개, {1}행</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>변경 내역</translation>
    </message>
    <message>
        <source>{0} from {1}</source>
        <translation>{1}의 {0}</translation>
    </message>
    <message>
        <source>acknowledgement from HQ for {0}</source>
        <translation>본부가 {0}에 보낸 수신 확인</translation>
    </message>
    <message>
        <source>signed by the registered key</source>
        <translation>등록된 키로 서명됨</translation>
    </message>
    <message>
        <source>key not registered here</source>
        <translation>이 데이터베이스에 등록되지 않은 키</translation>
    </message>
    <message>
        <source>HQ&apos;s key not trusted here</source>
        <translation>이 노트북은 본부 키를 신뢰하지 않음</translation>
    </message>
    <message>
        <source>{0} changes</source>
        <translation>변경 {0}건</translation>
    </message>
    <message>
        <source>as exported</source>
        <translation>내보낸 그대로</translation>
    </message>
    <message>
        <source>edited in a spreadsheet: those edits are not imported</source>
        <translation>스프레드시트에서 수정됨: 그 수정은 가져오지 않습니다</translation>
    </message>
    <message>
        <source>{0} results, {1} changes from HQ</source>
        <translation>결과 {0}건, 본부의 변경 {1}건</translation>
    </message>
    <message>
        <source>{0} files in {1} of {2} side-cars</source>
        <translation>첨부 파일 {0}개, 묶음 {2}개 중 {1}개 있음</translation>
    </message>
    <message>
        <source>{0} still to come (their side-cars are not here)</source>
        <translation>{0}개 도착 예정 (해당 첨부 파일 묶음이 없음)</translation>
    </message>
    <message>
        <source>wrong password: nothing of the file was read</source>
        <translation>암호가 틀립니다: 파일 내용은 읽지 않았습니다</translation>
    </message>
    <message>
        <source>needs a password: nothing of the file was read</source>
        <translation>암호가 필요합니다: 파일 내용은 읽지 않았습니다</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>거부됨: {0}</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>이미 가져옴</translation>
    </message>
    <message>
        <source>Unverified: the device key is not registered here</source>
        <translation>확인 안 됨: 기기 키가 여기 등록되어 있지 않음</translation>
    </message>
    <message>
        <source>Unverified: HQ&apos;s key is not trusted on this laptop</source>
        <translation>미확인: 이 노트북은 본부 키를 아직 신뢰하지 않습니다</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>확인됨</translation>
    </message>
</context>
<context>
    <name>ChildList</name>
    <message>
        <source>Add…</source>
        <translation>추가…</translation>
    </message>
</context>
<context>
    <name>CompanyDetail</name>
    <message>
        <source>Contact persons</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>담당자</translation>
    </message>
    <message>
        <source>Cases and briefs</source>
        <translation>사례와 시장정보</translation>
    </message>
    <message>
        <source>Cases: {0}</source>
        <translation>사례: {0}</translation>
    </message>
    <message>
        <source>Briefs received: {0}</source>
        <translation>받은 시장정보: {0}</translation>
    </message>
    <message>
        <source>Another company has this registration number: {0}. Is it the same company?</source>
        <translation>같은 사업자등록번호의 기업이 있습니다: {0}. 같은 기업인가요?</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Review conflicts</source>
        <translation>충돌 검토</translation>
    </message>
    <message>
        <source>Keep HQ value</source>
        <translation>본부 값 유지</translation>
    </message>
    <message>
        <source>Take conflicting value</source>
        <translation>충돌 값 적용</translation>
    </message>
    <message>
        <source>Save merged value</source>
        <translation>병합한 값 저장</translation>
    </message>
    <message>
        <source>Before both edits</source>
        <translation>두 수정 이전 값</translation>
    </message>
    <message>
        <source>At HQ now</source>
        <translation>현재 본부 값</translation>
    </message>
    <message>
        <source>Conflicting</source>
        <translation>충돌 값</translation>
    </message>
    <message>
        <source>Merged value (edit, then save):</source>
        <translation>병합한 값 (수정 후 저장):</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>검토할 충돌이 없습니다.</translation>
    </message>
    <message>
        <source>{0}: {1} — {2}, changed by {3}</source>
        <translation>{0}: {1} — {2}, 수정자 {3}</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(삭제됨)</translation>
    </message>
    <message>
        <source>Keep it deleted</source>
        <translation>삭제 상태 유지</translation>
    </message>
    <message>
        <source>Restore it with the edit</source>
        <translation>수정 내용으로 복원</translation>
    </message>
    <message>
        <source>Resolved. The decision is sent with the next sync.</source>
        <translation>해결했습니다. 결정은 다음 동기화 때 전송됩니다.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>MissionDesk ran into a problem</source>
        <translation>MissionDesk에 문제가 생겼습니다</translation>
    </message>
    <message>
        <source>Something went wrong that should not have. Your saved work is safe. Please send the details below to support.
The report was saved to: {0}</source>
        <translation>예상하지 못한 문제가 생겼습니다. 저장한 작업은 안전합니다. 아래 내용을 지원 담당에게 보내 주세요.
보고서 저장 위치: {0}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>자세한 내용 복사</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>보고서 내보내기…</translation>
    </message>
    <message>
        <source>Lock period…</source>
        <translation>기간 확정…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>연도</translation>
    </message>
    <message>
        <source>Cut-off</source>
        <translation>집계 기준일</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>범위</translation>
    </message>
    <message>
        <source>Counting the report</source>
        <translation>보고서 집계 중</translation>
    </message>
    <message>
        <source>Counting rules {0}</source>
        <translation>집계 기준 {0}</translation>
    </message>
    <message>
        <source>Nothing was counted from {0} to the cut-off {1}</source>
        <translation>{0}부터 마감일 {1}까지 집계된 것이 없습니다</translation>
    </message>
    <message>
        <source>Locked on {0} by {1}: these are the published figures</source>
        <translation>{0}에 {1}이(가) 확정: 공표된 수치입니다</translation>
    </message>
    <message>
        <source>{0} amendment(s) to locked figures since</source>
        <translation>확정 이후 수정 {0}건</translation>
    </message>
    <message>
        <source>{0} duplicate case(s) not counted</source>
        <translation>중복 사례 {0}건 제외</translation>
    </message>
    <message>
        <source>counted in {0} ms</source>
        <translation>{0} ms 만에 집계</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>보고서 내보내기</translation>
    </message>
    <message>
        <source>Report written to {0}, {1} and {2}</source>
        <translation>보고서를 {0}, {1}, {2}에 저장했습니다</translation>
    </message>
    <message>
        <source>Lock the period</source>
        <translation>기간 확정</translation>
    </message>
    <message>
        <source>Freeze the figures of {0} for this scope? Later edits will be listed as amendments.</source>
        <translation>{0}의 수치를 이 범위에 대해 확정할까요? 이후 수정은 정정 사항으로 표시됩니다.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Attachments</source>
        <translation>첨부 파일</translation>
    </message>
    <message>
        <source>History</source>
        <translation>변경 이력</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Connect this laptop to HQ</source>
        <translation>이 노트북을 본부에 연결</translation>
    </message>
    <message>
        <source>Ask HQ for an enrolment code for your mission. You type it once: the laptop keeps its own credential and syncs by itself whenever a connection is there.</source>
        <translation>본부에 공관용 등록 코드를 요청하세요. 한 번만 입력하면 노트북이 자체 인증 정보를 보관하고, 연결될 때마다 스스로 동기화합니다.</translation>
    </message>
    <message>
        <source>HQ server</source>
        <translation>본부 서버</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>등록 코드</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example https://sync.example.go.kr</source>
        <translation>서버 주소를 입력하세요. 예: https://sync.example.go.kr</translation>
    </message>
    <message>
        <source>Enter the code HQ gave you.</source>
        <translation>본부에서 받은 코드를 입력하세요.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>Connecting to HQ</source>
        <translation>본부에 연결 중</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export bundle</source>
        <translation>번들 내보내기</translation>
    </message>
    <message>
        <source>The bundle holds your changes that HQ has not acknowledged yet ({0} now). They stay here until HQ&apos;s acknowledgement arrives, by sync or by file.</source>
        <translation>번들에는 본부가 아직 확인하지 않은 변경(현재 {0}건)이 담깁니다. 동기화나 확인서 파일로 본부 확인이 올 때까지 이 컴퓨터에 남아 있습니다.</translation>
    </message>
    <message>
        <source>Changes not yet acknowledged by HQ</source>
        <translation>본부가 아직 확인하지 않은 변경</translation>
    </message>
    <message>
        <source>Every change still kept on this computer</source>
        <translation>이 컴퓨터에 남아 있는 모든 변경</translation>
    </message>
    <message>
        <source>Include sensitive fields (contact emails and phone numbers)</source>
        <translation>민감 항목 포함 (담당자 이메일과 전화번호)</translation>
    </message>
    <message>
        <source>Protect the file with a password</source>
        <translation>파일을 암호로 보호</translation>
    </message>
    <message>
        <source>Password (at least {0} characters)</source>
        <translation>암호 ({0}자 이상)</translation>
    </message>
    <message>
        <source>The same password again</source>
        <translation>같은 암호를 한 번 더</translation>
    </message>
    <message>
        <source>Prepare an email draft to HQ with the bundle attached</source>
        <translation>번들을 첨부한 본부 앞 이메일 초안 만들기</translation>
    </message>
    <message>
        <source>HQ&apos;s email address</source>
        <translation>본부 이메일 주소</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Save the bundle as</source>
        <translation>번들 저장 위치</translation>
    </message>
    <message>
        <source>Enter HQ&apos;s email address for the draft.</source>
        <translation>초안을 보낼 본부 이메일 주소를 입력하세요.</translation>
    </message>
    <message>
        <source>The password needs at least {0} characters.</source>
        <translation>암호는 {0}자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>The two passwords differ: type the same password twice.</source>
        <translation>두 암호가 다릅니다: 같은 암호를 두 번 입력하십시오.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>내보내는 중…</translation>
    </message>
    <message>
        <source>Exporting the bundle</source>
        <translation>번들 내보내는 중</translation>
    </message>
    <message>
        <source>{0} changes written to {1}.</source>
        <translation>변경 {0}건을 {1}에 기록했습니다.</translation>
    </message>
    <message>
        <source>The file is protected with the password: give it to HQ by another way than the email.</source>
        <translation>파일이 암호로 보호되었습니다: 암호는 이메일이 아닌 다른 방법으로 본부에 알려 주십시오.</translation>
    </message>
    <message>
        <source>Email draft: {0} (open it in your mail program).</source>
        <translation>이메일 초안: {0} (메일 프로그램에서 여세요).</translation>
    </message>
    <message>
        <source>{0} attached files are beside it in {1} archives (at most 18 MB each): send each to HQ too, one per email if need be.</source>
        <translation>첨부 파일 {0}개가 같은 폴더의 묶음 {1}개(각 18MB 이하)에 들어 있습니다. 이 묶음들도 본부에 보내십시오. 필요하면 메일 한 통에 하나씩 보내십시오.</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>Bundles to import</source>
        <translation>가져올 번들</translation>
    </message>
    <message>
        <source>Add the Excel bundles missions sent (or drop them here), several at once if you like.</source>
        <translation>공관이 보낸 엑셀 번들을 추가하세요(여기로 끌어다 놓아도 됩니다). 여러 개를 한 번에 가져올 수 있습니다.</translation>
    </message>
    <message>
        <source>Add the acknowledgement files HQ sent back (or drop them here), several at once if you like.</source>
        <translation>본부가 보내온 수신 확인 파일을 추가하십시오(여기에 끌어다 놓아도 됩니다). 여러 개를 한 번에 추가할 수 있습니다.</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Bundles and their side-cars (*.xlsx *.zip)</source>
        <translation>번들 및 첨부 파일 묶음 (*.xlsx *.zip)</translation>
    </message>
    <message>
        <source>Choose bundles</source>
        <translation>번들 선택</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search (Ctrl+F): 공장, permit, DE-FRA-26…</source>
        <translation>검색 (Ctrl+F): 공장, permit, DE-FRA-26…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>부터</translation>
    </message>
    <message>
        <source>To</source>
        <translation>까지</translation>
    </message>
    <message>
        <source>Recently assigned to me</source>
        <translation>최근 나에게 배정</translation>
    </message>
    <message>
        <source>Cases assigned to you in the last {0} days</source>
        <translation>최근 {0}일 안에 나에게 배정된 사례</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>{0}: empty</source>
        <translation>{0}: 비어 있음</translation>
    </message>
    <message>
        <source>Missions: {0}</source>
        <translation>공관: {0}</translation>
    </message>
    <message>
        <source>Also limited to: {0} (Clear shows all)</source>
        <translation>추가 조건: {0} (&apos;지우기&apos;를 누르면 모두 표시)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to MissionDesk</source>
        <translation>MissionDesk에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>Choose your mission and enter your name. You can work offline from the start.</source>
        <translation>공관을 선택하고 이름을 입력하세요. 처음부터 오프라인으로 일할 수 있습니다.</translation>
    </message>
    <message>
        <source>Search missions: 프랑크푸르트, Frankfurt, DE-FRA…</source>
        <translation>공관 검색: 프랑크푸르트, Frankfurt, DE-FRA…</translation>
    </message>
    <message>
        <source>Your name, e.g. 김영희</source>
        <translation>이름 (예: 김영희)</translation>
    </message>
    <message>
        <source>Add practice data ({0} cases; it never leaves this laptop)</source>
        <translation>연습용 자료 추가 (사례 {0}건, 이 노트북 밖으로 나가지 않음)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Officer:</source>
        <translation>담당관:</translation>
    </message>
    <message>
        <source>Choose your mission in the list.</source>
        <translation>목록에서 공관을 선택하세요.</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand over cases</source>
        <translation>업무 인계</translation>
    </message>
    <message>
        <source>The open cases, tasks and proposals of the officer who leaves go to the successor. Each case needs a handover note: it is added to the case&apos;s timeline.</source>
        <translation>떠나는 담당관의 진행 중인 사례, 할 일, 제안이 후임자에게 넘어갑니다. 사례마다 인계 메모가 필요하며, 메모는 그 사례의 활동 기록에 추가됩니다.</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>인계자:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>후임자:</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>구분</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>관리번호</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Handover note</source>
        <translation>인계 메모</translation>
    </message>
    <message>
        <source>A note for every case that has none yet</source>
        <translation>메모가 아직 없는 사례 모두에 쓸 메모</translation>
    </message>
    <message>
        <source>Use for the empty notes</source>
        <translation>빈 메모에 넣기</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>인계</translation>
    </message>
    <message>
        <source>Save handover document…</source>
        <translation>인계서 저장…</translation>
    </message>
    <message>
        <source>Each open case of the officer who leaves: company, status, last activities, next steps, tasks</source>
        <translation>떠나는 담당관의 진행 중인 사례마다 기업, 상태, 최근 활동, 후속 조치, 할 일</translation>
    </message>
    <message>
        <source>Choose the officer who leaves and the successor.</source>
        <translation>인계하는 담당관과 후임자를 선택하십시오.</translation>
    </message>
    <message>
        <source>Choose a successor other than the officer who leaves.</source>
        <translation>인계하는 담당관이 아닌 다른 후임자를 선택하십시오.</translation>
    </message>
    <message>
        <source>Reading what will move…</source>
        <translation>이관될 항목을 읽는 중…</translation>
    </message>
    <message>
        <source>Reading what will move</source>
        <translation>이관될 항목 읽기</translation>
    </message>
    <message>
        <source>Not read: cancelled. Choose the officers again to see what will move.</source>
        <translation>취소되어 읽지 않았습니다. 이관될 항목을 보려면 담당관을 다시 선택하십시오.</translation>
    </message>
    <message>
        <source>{0} case(s), {1} task(s) and {2} proposal(s) will move from {3} to {4}.</source>
        <translation>{3} → {4}: 사례 {0}건, 할 일 {1}건, 제안 {2}건을 인계합니다.</translation>
    </message>
    <message>
        <source>Handover {0}.hwpx</source>
        <translation>인계서 {0}.hwpx</translation>
    </message>
    <message>
        <source>Save handover document</source>
        <translation>인계서 저장</translation>
    </message>
    <message>
        <source>Writing the handover document…</source>
        <translation>인계서를 쓰는 중…</translation>
    </message>
    <message>
        <source>Writing the handover document</source>
        <translation>인계서 쓰기</translation>
    </message>
    <message>
        <source>Handover document saved: {0}</source>
        <translation>인계서를 저장했습니다: {0}</translation>
    </message>
    <message>
        <source>The document could not be saved: {0}</source>
        <translation>문서를 저장하지 못했습니다: {0}</translation>
    </message>
    <message>
        <source>Write a handover note for every case: {0} still without one.</source>
        <translation>사례마다 인계 메모를 작성하십시오: {0}건에 아직 메모가 없습니다.</translation>
    </message>
    <message>
        <source>Handing over…</source>
        <translation>인계하는 중…</translation>
    </message>
    <message>
        <source>Handing over</source>
        <translation>업무 인계 중</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>변경 전</translation>
    </message>
    <message>
        <source>After</source>
        <translation>변경 후</translation>
    </message>
    <message>
        <source>No changes recorded on this device yet.</source>
        <translation>이 기기에 기록된 변경이 아직 없습니다.</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>이 기기</translation>
    </message>
    <message>
        <source>{0} device {1}</source>
        <translation>{0} 기기 {1}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니요</translation>
    </message>
</context>
<context>
    <name>HqViews</name>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Mission</source>
        <translation>공관</translation>
    </message>
    <message>
        <source>Open a mission to see its cases of the period.</source>
        <translation>공관을 열면 이 기간의 사례를 봅니다.</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>자료</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Open a row to see the record.</source>
        <translation>행을 열면 해당 자료를 봅니다.</translation>
    </message>
    <message>
        <source>By mission</source>
        <translation>공관별 비교</translation>
    </message>
    <message>
        <source>Data quality</source>
        <translation>자료 점검</translation>
    </message>
    <message>
        <source>Comparing the missions</source>
        <translation>공관별 비교 집계 중</translation>
    </message>
    <message>
        <source>Missions compared from {0} to the cut-off {1}, as on the dashboard; the data-quality list looks at every record. Open a row to see its records.</source>
        <translation>공관별 비교는 대시보드와 같이 {0}부터 집계 기준일 {1}까지, 자료 점검은 모든 자료를 봅니다. 행을 열면 해당 자료를 봅니다.</translation>
    </message>
    <message>
        <source>Data quality ({0})</source>
        <translation>자료 점검 ({0})</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>공용</translation>
    </message>
    <message>
        <source>same business number {0}</source>
        <translation>같은 사업자등록번호 {0}</translation>
    </message>
    <message>
        <source>same name “{0}”</source>
        <translation>같은 이름 “{0}”</translation>
    </message>
    <message>
        <source>held on {0}</source>
        <translation>{0} 개최</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>New {0}</source>
        <translation>새 {0}</translation>
    </message>
    <message>
        <source>Select a row to see it here, or press Ctrl+N to add a new one.</source>
        <translation>행을 선택하면 여기에 표시됩니다. 새로 만들려면 Ctrl+N을 누르세요.</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>세는 중</translation>
    </message>
    <message>
        <source>{0}+ shown, counting…</source>
        <translation>{0}건 이상 표시, 세는 중…</translation>
    </message>
    <message>
        <source>{0} shown</source>
        <translation>{0}건 표시</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the database…</source>
        <translation>데이터베이스를 여는 중…</translation>
    </message>
    <message>
        <source>Preparing sync</source>
        <translation>동기화 준비 중</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>Pseudo (layout check)</source>
        <translation>의사 언어 (배치 점검)</translation>
    </message>
    <message>
        <source>Reading attached files</source>
        <translation>첨부 파일의 내용을 읽는 중</translation>
    </message>
    <message>
        <source>&amp;Hand over cases…</source>
        <translation>업무 인계(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>동기화(&amp;S)</translation>
    </message>
    <message>
        <source>Connect to &amp;HQ…</source>
        <translation>본부에 연결(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About MissionDesk</source>
        <translation>MissionDesk 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Restored.</source>
        <translation>복원했습니다.</translation>
    </message>
    <message>
        <source>Moved to the trash: {0}</source>
        <translation>휴지통으로 옮겼습니다: {0}</translation>
    </message>
    <message>
        <source>Open a case first: its summary is printed from its detail pane.</source>
        <translation>먼저 사례를 여십시오. 사례 요약은 사례 상세 화면에서 인쇄합니다.</translation>
    </message>
    <message>
        <source>Save the case summary</source>
        <translation>사례 요약 저장</translation>
    </message>
    <message>
        <source>The summary could not be saved to {0}: {1}</source>
        <translation>요약을 {0}에 저장하지 못했습니다: {1}</translation>
    </message>
    <message>
        <source>Case summary saved: {0}</source>
        <translation>사례 요약을 저장했습니다: {0}</translation>
    </message>
    <message>
        <source>Bundle saved: {0}</source>
        <translation>번들을 저장했습니다: {0}</translation>
    </message>
    <message>
        <source>Handed over to {0}: {1} record(s)</source>
        <translation>{0}에게 {1}건을 인계했습니다</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Columns</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Check the field each column fills. Guesses below 100% are worth a look.</source>
        <translation>각 열이 채울 항목을 확인하십시오. 100% 미만으로 추정된 열은 살펴보는 것이 좋습니다.</translation>
    </message>
    <message>
        <source>Name for this mapping</source>
        <translation>이 매핑의 이름</translation>
    </message>
    <message>
        <source>Save mapping as…</source>
        <translation>매핑을 다른 이름으로 저장…</translation>
    </message>
    <message>
        <source>Mapping:</source>
        <translation>매핑:</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>파일의 열</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>신뢰도</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>값 예시</translation>
    </message>
    <message>
        <source>Dates that read both ways (5/3/2024: 5 March or May 3?)</source>
        <translation>두 가지로 읽히는 날짜 (5/3/2024: 3월 5일 또는 5월 3일?)</translation>
    </message>
    <message>
        <source>Reading the table…</source>
        <translation>표를 읽는 중…</translation>
    </message>
    <message>
        <source>Reading the table</source>
        <translation>표 읽기</translation>
    </message>
    <message>
        <source>Guessed from the headers and values</source>
        <translation>머리글과 값으로 추정</translation>
    </message>
    <message>
        <source>{0} (these columns)</source>
        <translation>{0} (이 열 구성)</translation>
    </message>
    <message>
        <source>(do not import)</source>
        <translation>(가져오지 않음)</translation>
    </message>
    <message>
        <source>{0} rows under the header (row {1}); {2} rows skipped.</source>
        <translation>머리글(행 {1}) 아래 {0}개 행, 건너뛴 행 {2}개.</translation>
    </message>
    <message>
        <source>header</source>
        <translation>머리글</translation>
    </message>
    <message>
        <source>values</source>
        <translation>값</translation>
    </message>
    <message>
        <source>saved mapping</source>
        <translation>저장된 매핑</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>직접 선택</translation>
    </message>
    <message>
        <source>Give the mapping a name.</source>
        <translation>매핑의 이름을 입력하십시오.</translation>
    </message>
    <message>
        <source>Saved as “{0}”: offered again for a file with these columns.</source>
        <translation>“{0}”(으)로 저장했습니다. 같은 열 구성의 파일에 다시 제안됩니다.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <source>Day-month (5/3/2024 is 5 March)</source>
        <translation>일-월 (5/3/2024는 3월 5일)</translation>
    </message>
    <message>
        <source>Month-day (5/3/2024 is May 3)</source>
        <translation>월-일 (5/3/2024는 5월 3일)</translation>
    </message>
    <message>
        <source>The table is being read.</source>
        <translation>표를 읽고 있습니다.</translation>
    </message>
    <message>
        <source>Choose the column that holds: {0}.</source>
        <translation>다음 항목이 있는 열을 선택하십시오: {0}.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 또는 </translation>
    </message>
    <message>
        <source>Say how the dates above read.</source>
        <translation>위 날짜를 어떻게 읽을지 선택하십시오.</translation>
    </message>
</context>
<context>
    <name>MeetingDetail</name>
    <message>
        <source>Attendance by institution</source>
        <translation>기관별 참석</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>안건</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>참석 기관</translation>
    </message>
</context>
<context>
    <name>MultiChoiceEditor</name>
    <message>
        <source>Type to filter…</source>
        <translation>입력하여 찾기…</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
</context>
<context>
    <name>MyWorkPage</name>
    <message>
        <source>Open MissionDesk on this page</source>
        <translation>시작할 때 이 화면 열기</translation>
    </message>
    <message>
        <source>What</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>일자</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Nothing needs your attention today.</source>
        <translation>오늘 챙길 일이 없습니다.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>숨기기</translation>
    </message>
    <message>
        <source>Not listed again, unless its date changes</source>
        <translation>날짜가 바뀌지 않는 한 다시 표시하지 않습니다</translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation>다시 알림:</translation>
    </message>
    <message>
        <source>My work: {0}, {1}</source>
        <translation>내 업무: {0}, {1}</translation>
    </message>
</context>
<context>
    <name>NewRecordDialog</name>
    <message>
        <source>New {0}</source>
        <translation>새 {0}</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>MissionDesk passphrase</source>
        <translation>MissionDesk 암호 문구</translation>
    </message>
    <message>
        <source>The data of this portable MissionDesk is encrypted. Choose the passphrase that will open it (at least 10 characters); without it the data cannot be read, by anyone.</source>
        <translation>이 휴대용 MissionDesk의 데이터는 암호화됩니다. 데이터를 열 암호 문구를 정하십시오(10자 이상). 암호 문구 없이는 누구도 데이터를 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>The data of this portable MissionDesk is encrypted. Type its passphrase.</source>
        <translation>이 휴대용 MissionDesk의 데이터는 암호화되어 있습니다. 암호 문구를 입력하십시오.</translation>
    </message>
    <message>
        <source>That passphrase does not open this data; nothing was changed. Try again.</source>
        <translation>이 암호 문구로는 데이터를 열 수 없습니다. 아무것도 바뀌지 않았습니다. 다시 입력하십시오.</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>암호 문구:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>다시 입력:</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Encrypt</source>
        <translation>암호화</translation>
    </message>
    <message>
        <source>Type the passphrase.</source>
        <translation>암호 문구를 입력하십시오.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>두 암호 문구가 다릅니다.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Open a row to see the field changes.</source>
        <translation>아직 아무것도 기록하지 않았습니다. 행을 펼치면 항목별 변경을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Bundle / record</source>
        <translation>번들 / 자료</translation>
    </message>
    <message>
        <source>(conflict: HQ&apos;s value stays)</source>
        <translation>(충돌: 본부 값 유지)</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation>… 외 {0}건</translation>
    </message>
    <message>
        <source>The import report, saved after the import, lists every change.</source>
        <translation>가져오기 후 저장하는 보고서에 모든 변경이 나옵니다.</translation>
    </message>
    <message>
        <source>{0}: sheet {1}, row {2}, {3}: “{4}” in the sheet, “{5}” in the changes</source>
        <translation>{0}: {1} 시트 {2}행 {3}: 시트에는 “{4}”, 변경에는 “{5}”</translation>
    </message>
    <message>
        <source>{0}: sheet {1} was edited</source>
        <translation>{0}: {1} 시트가 수정됨</translation>
    </message>
    <message>
        <source>Someone edited these cells in a spreadsheet. Such edits are NOT imported:</source>
        <translation>누군가 스프레드시트에서 다음 셀을 수정했습니다. 이런 수정은 가져오지 않습니다:</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>휴지통으로 이동</translation>
    </message>
    <message>
        <source>New {0}</source>
        <translation>새 {0}</translation>
    </message>
    <message>
        <source>changed by {0} {1}</source>
        <translation>{0} 수정 {1}</translation>
    </message>
    <message>
        <source>has a conflict to review</source>
        <translation>검토할 충돌 있음</translation>
    </message>
    <message>
        <source>Outcome: {0} on {1}</source>
        <translation>결과: {0} ({1})</translation>
    </message>
    <message>
        <source>Results: {0}</source>
        <translation>성과: {0}</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>New company…</source>
        <translation>새 기업…</translation>
    </message>
    <message>
        <source>Add a company not in the list yet; what you typed becomes its name</source>
        <translation>목록에 없는 기업을 추가합니다. 입력한 이름이 기업명이 됩니다</translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <source>Type to search…</source>
        <translation>입력하여 검색…</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Search everything</source>
        <translation>전체 검색</translation>
    </message>
    <message>
        <source>Words in cases, briefs, companies and attached files</source>
        <translation>사례·시장정보·기업과 첨부 파일 내용에서 찾을 단어</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>찾은 항목</translation>
    </message>
    <message>
        <source>In</source>
        <translation>소속</translation>
    </message>
    <message>
        <source>Words found</source>
        <translation>찾은 내용</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>검색 중</translation>
    </message>
    <message>
        <source>Results: {0}</source>
        <translation>검색 결과: {0}건</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>What to import</source>
        <translation>가져올 자료</translation>
    </message>
    <message>
        <source>MissionDesk bundles (from the missions)</source>
        <translation>MissionDesk 번들 (공관에서 보낸 파일)</translation>
    </message>
    <message>
        <source>MissionDesk files (HQ&apos;s acknowledgements)</source>
        <translation>MissionDesk 파일 (본부의 수신 확인)</translation>
    </message>
    <message>
        <source>Spreadsheet (.xlsx, .xls, .csv): cases, briefs, meetings or companies kept in Excel</source>
        <translation>스프레드시트 (.xlsx, .xls, .csv): 엑셀로 관리하던 지원 사례, 시장정보, 협의회, 기업</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>실행 취소 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Unsent changes: {0}</source>
        <translation>보내지 않은 변경: {0}</translation>
    </message>
    <message>
        <source>All changes sent</source>
        <translation>모든 변경 전송됨</translation>
    </message>
    <message>
        <source>Changes saved here and not yet acknowledged by HQ</source>
        <translation>이 컴퓨터에 저장되었고 본부가 아직 확인하지 않은 변경</translation>
    </message>
    <message>
        <source>Conflicts to review: {0}</source>
        <translation>검토할 충돌: {0}</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Syncing with HQ</source>
        <translation>본부와 동기화 중</translation>
    </message>
    <message>
        <source>{0}: sent {1}, received {2}, still unsent {3}</source>
        <translation>{0}: 보냄 {1}, 받음 {2}, 남은 변경 {3}</translation>
    </message>
    <message>
        <source>({0} refused by HQ)</source>
        <translation>(본부 거부 {0}건)</translation>
    </message>
    <message>
        <source>Large change from HQ</source>
        <translation>본부로부터의 대규모 변경</translation>
    </message>
    <message>
        <source>Apply it anyway?</source>
        <translation>그래도 적용할까요?</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>Not connected to HQ. Your work is saved on this computer.</source>
        <translation>본부에 연결되어 있지 않습니다. 작업은 이 컴퓨터에 저장됩니다.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>동기화 중…</translation>
    </message>
    <message>
        <source>Sync failed, will retry</source>
        <translation>동기화 실패, 다시 시도 예정</translation>
    </message>
    <message>
        <source>HQ does not accept this laptop</source>
        <translation>본부가 이 노트북을 받지 않음</translation>
    </message>
    <message>
        <source>Synced at {0}</source>
        <translation>{0} 동기화됨</translation>
    </message>
    <message>
        <source>Everything was sent and received at {0}.</source>
        <translation>{0}에 모두 보내고 받았습니다.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync now</source>
        <translation>지금 동기화</translation>
    </message>
    <message>
        <source>Connect to HQ…</source>
        <translation>본부에 연결…</translation>
    </message>
    <message>
        <source>Review conflicts…</source>
        <translation>충돌 검토…</translation>
    </message>
    <message>
        <source>Sync log</source>
        <translation>동기화 기록</translation>
    </message>
    <message>
        <source>This laptop is not connected to HQ yet: your work stays here and can go by bundle.</source>
        <translation>이 노트북은 아직 본부에 연결되지 않았습니다. 작업은 여기에 남고 번들로 보낼 수 있습니다.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>HQ server: {0}</source>
        <translation>본부 서버: {0}</translation>
    </message>
    <message>
        <source>Last good sync: {0}</source>
        <translation>마지막 동기화: {0}</translation>
    </message>
    <message>
        <source>HQ no longer accepts this laptop (revoked by HQ, or its credential is lost). Your changes are kept here: enrol again with a new code from HQ, and they are sent.</source>
        <translation>본부가 이 노트북을 더 이상 받지 않습니다(본부가 등록을 취소했거나 자격 증명이 없어졌습니다). 변경 내용은 이 노트북에 그대로 있습니다. 본부에서 새 코드를 받아 다시 등록하면 전송됩니다.</translation>
    </message>
    <message>
        <source>HQ said: {0}</source>
        <translation>본부 응답: {0}</translation>
    </message>
    <message>
        <source>Last attempt failed: {0}</source>
        <translation>마지막 시도 실패: {0}</translation>
    </message>
    <message>
        <source>Unsent changes: {0}   Refused by HQ: {1}   Conflicts: {2}</source>
        <translation>보내지 않은 변경: {0}   본부 거부: {1}   충돌: {2}</translation>
    </message>
    <message>
        <source>Enrol again with a new code…</source>
        <translation>새 코드로 다시 등록…</translation>
    </message>
</context>
<context>
    <name>TableFilePage</name>
    <message>
        <source>Spreadsheet to import</source>
        <translation>가져올 스프레드시트</translation>
    </message>
    <message>
        <source>Choose an Excel or CSV file, or drop it here.</source>
        <translation>엑셀 또는 CSV 파일을 선택하거나 여기에 끌어다 놓으십시오.</translation>
    </message>
    <message>
        <source>A mission&apos;s own history of cases, briefs, meetings or companies, as it was kept in Excel. Nothing is written before the preview.</source>
        <translation>공관이 엑셀로 관리해 온 지원 사례, 시장정보, 협의회, 기업 기록입니다. 미리 보기 전에는 아무것도 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>파일 선택…</translation>
    </message>
    <message>
        <source>From the sheet&apos;s mission column</source>
        <translation>시트의 공관 열에 따름</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>파일:</translation>
    </message>
    <message>
        <source>It holds:</source>
        <translation>내용:</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>시트:</translation>
    </message>
    <message>
        <source>Mission:</source>
        <translation>공관:</translation>
    </message>
    <message>
        <source>Choose a spreadsheet</source>
        <translation>스프레드시트 선택</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>스프레드시트 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>There is no file {0}.</source>
        <translation>{0} 파일이 없습니다.</translation>
    </message>
</context>
<context>
    <name>TablePreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Tick the suggested matches you agree with; correct a refused cell in the Value column; then preview again.</source>
        <translation>아직 아무것도 저장되지 않았습니다. 동의하는 추천 일치 항목에 표시하고, 거부된 셀은 값 열에서 고친 다음 다시 미리 보십시오.</translation>
    </message>
    <message>
        <source>Preview again</source>
        <translation>다시 미리 보기</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>셀</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>사유</translation>
    </message>
    <message>
        <source>Running the preview…</source>
        <translation>미리 보는 중…</translation>
    </message>
    <message>
        <source>Previewing the import</source>
        <translation>가져오기 미리 보기</translation>
    </message>
    <message>
        <source>Rows to confirm or refused are listed first; they are not imported as they are.</source>
        <translation>확인이 필요하거나 거부된 행이 먼저 표시됩니다. 이 행들은 그대로는 가져오지 않습니다.</translation>
    </message>
    <message>
        <source>Every row can be imported.</source>
        <translation>모든 행을 가져올 수 있습니다.</translation>
    </message>
    <message>
        <source>Type the right value, then preview again.</source>
        <translation>올바른 값을 입력한 다음 다시 미리 보십시오.</translation>
    </message>
    <message>
        <source>Preview again to see the rows with your changes.</source>
        <translation>수정한 내용을 반영하려면 다시 미리 보십시오.</translation>
    </message>
</context>
<context>
    <name>TableResultPage</name>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Save rows not imported…</source>
        <translation>가져오지 않은 행 저장…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>가져오는 중…</translation>
    </message>
    <message>
        <source>Importing the spreadsheet</source>
        <translation>스프레드시트 가져오기</translation>
    </message>
    <message>
        <source>A backup was taken first: {0}</source>
        <translation>먼저 백업했습니다: {0}</translation>
    </message>
    <message>
        <source>{0} rows were not imported: save them with their reasons, fix them and import again.</source>
        <translation>{0}개 행을 가져오지 않았습니다. 사유와 함께 저장해 고친 뒤 다시 가져오십시오.</translation>
    </message>
    <message>
        <source>Save the rows not imported</source>
        <translation>가져오지 않은 행 저장</translation>
    </message>
    <message>
        <source>Saved: {0}</source>
        <translation>저장했습니다: {0}</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <source>Needed for this step: {0}.</source>
        <translation>이 단계에 필요합니다: {0}.</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <source>Restore</source>
        <translation>복원</translation>
    </message>
    <message>
        <source>Deleted:</source>
        <translation>삭제된 자료:</translation>
    </message>
    <message>
        <source>{0} in the trash</source>
        <translation>휴지통에 {0}건</translation>
    </message>
</context>
<context>
    <name>attachment</name>
    <message>
        <source>PNG image</source>
        <translation>PNG 이미지</translation>
    </message>
    <message>
        <source>JPEG image</source>
        <translation>JPEG 이미지</translation>
    </message>
    <message>
        <source>GIF image</source>
        <translation>GIF 이미지</translation>
    </message>
    <message>
        <source>WebP image</source>
        <translation>WebP 이미지</translation>
    </message>
    <message>
        <source>TIFF image</source>
        <translation>TIFF 이미지</translation>
    </message>
    <message>
        <source>Hangul (HWP)</source>
        <translation>한글(HWP)</translation>
    </message>
    <message>
        <source>Hangul (HWPX)</source>
        <translation>한글(HWPX)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>{name} is empty.</source>
        <translation>{name}은(는) 빈 파일입니다.</translation>
    </message>
    <message>
        <source>{name} is {size} MB; files of at most {limit} MB can be attached.</source>
        <translation>{name}은(는) {size}MB입니다. {limit}MB 이하의 파일만 첨부할 수 있습니다.</translation>
    </message>
    <message>
        <source>{name} is a program or a script; programs cannot be attached.</source>
        <translation>{name}은(는) 프로그램 또는 스크립트입니다. 프로그램은 첨부할 수 없습니다.</translation>
    </message>
    <message>
        <source>{name} contains macros; save it without macros (as .docx, .xlsx or .pptx) first.</source>
        <translation>{name}에 매크로가 들어 있습니다. 매크로 없이(.docx, .xlsx, .pptx로) 저장한 뒤 첨부하십시오.</translation>
    </message>
    <message>
        <source>{name} is an archive; attach the files inside it instead.</source>
        <translation>{name}은(는) 압축 파일입니다. 압축을 풀어 안의 파일을 첨부하십시오.</translation>
    </message>
    <message>
        <source>{name} is protected by a password, so it cannot be checked; attach it without.</source>
        <translation>{name}은(는) 암호로 보호되어 있어 검사할 수 없습니다. 암호를 해제한 뒤 첨부하십시오.</translation>
    </message>
    <message>
        <source>{name} is not a kind of file that can be attached (PDF, images, Office and Hangul documents, text).</source>
        <translation>{name}은(는) 첨부할 수 있는 파일 형식이 아닙니다(PDF, 이미지, 오피스·한글 문서, 텍스트).</translation>
    </message>
</context>
<context>
    <name>case_summary</name>
    <message>
        <source>{0} more lines did not fit this page.</source>
        <translation>{0}줄은 이 쪽에 다 싣지 못했습니다.</translation>
    </message>
    <message>
        <source>(no consent to share contact details)</source>
        <translation>(연락처 공유 동의 없음)</translation>
    </message>
    <message>
        <source>Case summary</source>
        <translation>사례 요약</translation>
    </message>
    <message>
        <source>Marked sensitive: not printed.</source>
        <translation>민감 정보로 표시되어 인쇄하지 않습니다.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>{0} on {1}</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Results: {0}</source>
        <translation>성과: {0}</translation>
    </message>
    <message>
        <source>Partner referrals</source>
        <translation>협력기관 연계</translation>
    </message>
    <message>
        <source>Timeline ({0} activities, newest first)</source>
        <translation>활동 기록 ({0}건, 최근 순)</translation>
    </message>
    <message>
        <source>Printed {0}</source>
        <translation>{0} 출력</translation>
    </message>
</context>
<context>
    <name>cell</name>
    <message>
        <source>“{value}” is not a date.</source>
        <translation>“{value}”은(는) 날짜가 아닙니다.</translation>
    </message>
    <message>
        <source>“{value}” may be day-month or month-day: choose the column&apos;s order.</source>
        <translation>“{value}”은(는) 일-월로도 월-일로도 읽힙니다. 열의 날짜 순서를 정하십시오.</translation>
    </message>
    <message>
        <source>“{value}”: this column mixes day-month and month-day dates.</source>
        <translation>“{value}”: 이 열에 일-월과 월-일 날짜가 섞여 있습니다.</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number.</source>
        <translation>“{value}”은(는) 정수가 아닙니다.</translation>
    </message>
    <message>
        <source>“{value}” is not yes or no.</source>
        <translation>“{value}”은(는) 예 또는 아니요가 아닙니다.</translation>
    </message>
    <message>
        <source>“{value}” matches no {field}.</source>
        <translation>“{value}”에 맞는 {field}이(가) 없습니다.</translation>
    </message>
    <message>
        <source>“{value}” looks like “{known_as}” ({confidence:.0%}): confirm it.</source>
        <translation>“{value}”은(는) “{known_as}”(으)로 보입니다 ({confidence:.0%}). 확인하십시오.</translation>
    </message>
    <message>
        <source>“{value}” looks like the existing company “{known_as}” ({confidence:.0%}): confirm it.</source>
        <translation>“{value}”은(는) 기존 기업 “{known_as}”(으)로 보입니다 ({confidence:.0%}). 확인하십시오.</translation>
    </message>
    <message>
        <source>There is no mission {mission}.</source>
        <translation>{mission} 공관은 없습니다.</translation>
    </message>
    <message>
        <source>This row is {row_mission}&apos;s; this laptop keeps {device_mission}&apos;s records.</source>
        <translation>이 행은 {row_mission}의 자료입니다. 이 노트북은 {device_mission}의 자료를 관리합니다.</translation>
    </message>
    <message>
        <source>This row names no mission: give the sheet a mission column (공관), or choose the mission in the import wizard.</source>
        <translation>이 행에는 공관이 없습니다: 시트에 공관 열을 넣거나, 가져오기 마법사에서 공관을 선택하세요.</translation>
    </message>
    <message>
        <source>The record cannot be made: {message}</source>
        <translation>자료를 만들 수 없습니다: {message}</translation>
    </message>
</context>
<context>
    <name>column</name>
    <message>
        <source>Changed</source>
        <translation>수정일</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>삭제일</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>작성일</translation>
    </message>
    <message>
        <source>Consent to share</source>
        <translation>공유 동의</translation>
    </message>
    <message>
        <source>Consent since</source>
        <translation>동의 확인일</translation>
    </message>
</context>
<context>
    <name>dashboard</name>
    <message>
        <source>Council meetings held</source>
        <translation>지원협의회 개최</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>국가</translation>
    </message>
    <message>
        <source>Support cases</source>
        <translation>현장 지원</translation>
    </message>
    <message>
        <source>Market-information instances</source>
        <translation>시장정보 제공</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>접수</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Resolved in full</source>
        <translation>완전 해결</translation>
    </message>
    <message>
        <source>Resolved in part</source>
        <translation>일부 해결</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>장기 미처리</translation>
    </message>
    <message>
        <source>Joint cases</source>
        <translation>공동 지원 사례</translation>
    </message>
    <message>
        <source>Investment (USD)</source>
        <translation>투자액(USD)</translation>
    </message>
    <message>
        <source>Jobs created</source>
        <translation>고용 창출</translation>
    </message>
    <message>
        <source>Permits obtained</source>
        <translation>인허가 취득</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>지원모델 제안</translation>
    </message>
    <message>
        <source>Cases by month</source>
        <translation>월별 사례</translation>
    </message>
    <message>
        <source>Cases by category</source>
        <translation>분야별 사례</translation>
    </message>
    <message>
        <source>Cases by country</source>
        <translation>국가별 사례</translation>
    </message>
    <message>
        <source>Outcomes of closed cases</source>
        <translation>종결 사례의 결과</translation>
    </message>
    <message>
        <source>Market information by topic</source>
        <translation>주제별 시장정보</translation>
    </message>
    <message>
        <source>Cases by partner institution</source>
        <translation>협력기관별 사례</translation>
    </message>
</context>
<context>
    <name>filter</name>
    <message>
        <source>{0}: any</source>
        <translation>{0}: 전체</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>Created</source>
        <translation>작성</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>수정</translation>
    </message>
    <message>
        <source>Moved to the trash</source>
        <translation>휴지통으로 이동</translation>
    </message>
    <message>
        <source>Restored from the trash</source>
        <translation>휴지통에서 복원</translation>
    </message>
    <message>
        <source>Left this mission&apos;s records</source>
        <translation>이 공관의 자료에서 빠짐</translation>
    </message>
</context>
<context>
    <name>hq_views</name>
    <message>
        <source>Support cases</source>
        <translation>현장 지원</translation>
    </message>
    <message>
        <source>Council meetings held</source>
        <translation>지원협의회 개최</translation>
    </message>
    <message>
        <source>Market-information instances</source>
        <translation>시장정보 제공</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>진행 중 사례</translation>
    </message>
    <message>
        <source>Dormant cases</source>
        <translation>장기 미처리 사례</translation>
    </message>
    <message>
        <source>Closed as resolved without results</source>
        <translation>성과 없이 해결 종결</translation>
    </message>
    <message>
        <source>Company that looks like a duplicate</source>
        <translation>중복으로 보이는 기업</translation>
    </message>
    <message>
        <source>Held meeting without attendance</source>
        <translation>참석 기관 없는 개최 회의</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>new</source>
        <translation>새 기록</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>변경 없음</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>충돌</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>거부</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>반영</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>병합</translation>
    </message>
    <message>
        <source>already received</source>
        <translation>이미 받음</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>가져옴</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>이미 가져옴</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>no</source>
        <translation>아니요</translation>
    </message>
</context>
<context>
    <name>message</name>
    <message>
        <source>The {fields} field names a {target} of {owner}; this {entity} may only refer to its own mission&apos;s records.</source>
        <translation>{fields} 항목이 {owner}의 {target}을(를) 가리킵니다. 이 {entity}은(는) 자기 공관의 자료만 가리킬 수 있습니다.</translation>
    </message>
    <message>
        <source>The {fields} field names a {target} of {owner}, which {mission} cannot read.</source>
        <translation>{fields} 항목이 {mission}에서 볼 수 없는 {owner}의 {target}을(를) 가리킵니다.</translation>
    </message>
    <message>
        <source>A {entity} is made by HQ&apos;s merge only: no device creates, deletes or restores one.</source>
        <translation>{entity}은(는) 본부의 병합으로만 만들어집니다. 어떤 기기도 만들거나 삭제하거나 복원할 수 없습니다.</translation>
    </message>
    <message>
        <source>Only the review decision of a {entity} can be changed, not {fields}.</source>
        <translation>{entity}은(는) 검토 결정만 바꿀 수 있습니다 ({fields}은(는) 바꿀 수 없습니다).</translation>
    </message>
    <message>
        <source>This {entity} belongs to {owner}; {mission} cannot change it.</source>
        <translation>이 {entity}은(는) {owner}의 자료이므로 {mission}에서 변경할 수 없습니다.</translation>
    </message>
    <message>
        <source>A {entity} belongs to its mission; HQ cannot create, delete or restore one.</source>
        <translation>{entity}은(는) 공관의 자료이므로 본부에서 만들거나 삭제하거나 복원할 수 없습니다.</translation>
    </message>
    <message>
        <source>HQ can only write the review fields of a {entity}, not {fields}.</source>
        <translation>본부는 {entity}의 검토 항목만 입력할 수 있습니다 ({fields}은(는) 입력할 수 없습니다).</translation>
    </message>
    <message>
        <source>A {entity} is reference data kept by HQ; missions cannot change it.</source>
        <translation>{entity}은(는) 본부가 관리하는 기준 정보이므로 공관에서 변경할 수 없습니다.</translation>
    </message>
    <message>
        <source>Only HQ writes {fields} of a {entity}.</source>
        <translation>{entity}의 {fields}은(는) 본부만 입력합니다.</translation>
    </message>
    <message>
        <source>There is no {entity} with id {id}.</source>
        <translation>id가 {id}인 {entity}이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Change the {field} of a {entity} through its workflow.</source>
        <translation>{entity}의 {field}은(는) 업무 흐름 단계로 바꾸십시오.</translation>
    </message>
    <message>
        <source>A {entity} has no workflow.</source>
        <translation>{entity}에는 업무 흐름이 없습니다.</translation>
    </message>
    <message>
        <source>A {entity} is reference data: disable it instead of deleting it.</source>
        <translation>{entity}은(는) 기준 자료입니다. 삭제하지 말고 사용 중지하십시오.</translation>
    </message>
    <message>
        <source>This {entity} is in the trash already.</source>
        <translation>이 {entity}은(는) 이미 휴지통에 있습니다.</translation>
    </message>
    <message>
        <source>This {entity} is not in the trash.</source>
        <translation>이 {entity}은(는) 휴지통에 없습니다.</translation>
    </message>
    <message>
        <source>This {entity} is in the trash; restore it first.</source>
        <translation>이 {entity}은(는) 휴지통에 있습니다. 먼저 복원하십시오.</translation>
    </message>
    <message>
        <source>The {target} this {entity} belongs to is gone.</source>
        <translation>이 {entity}이(가) 속한 {target}이(가) 없어졌습니다.</translation>
    </message>
    <message>
        <source>A new {entity} starts as one of: {values}; not as {value}.</source>
        <translation>새 {entity}은(는) {values} 중 하나로 시작합니다. {value}(으)로는 시작할 수 없습니다.</translation>
    </message>
    <message>
        <source>A {entity} cannot go from {source} to {value} (allowed from {source}: {values}).</source>
        <translation>{entity}은(는) {source}에서 {value}(으)로 바꿀 수 없습니다({source}에서 가능: {values}).</translation>
    </message>
    <message>
        <source>Only HQ can move a {entity} from {source} to {value}.</source>
        <translation>{entity}을(를) {source}에서 {value}(으)로 바꾸는 것은 본부만 할 수 있습니다.</translation>
    </message>
    <message>
        <source>Only the owner mission can move a {entity} from {source} to {value}.</source>
        <translation>{entity}을(를) {source}에서 {value}(으)로 바꾸는 것은 소유 공관만 할 수 있습니다.</translation>
    </message>
    <message>
        <source>To {step}, fill in: {fields}.</source>
        <translation>‘{step}’을(를) 하려면 다음을 입력하십시오: {fields}.</translation>
    </message>
    <message>
        <source>This conflict has been resolved already.</source>
        <translation>이 충돌은 이미 해결되었습니다.</translation>
    </message>
    <message>
        <source>This device does not hold the record any more; resolve it at HQ or its mission.</source>
        <translation>이 기기에는 더 이상 해당 자료가 없습니다. 본부나 해당 공관에서 해결하십시오.</translation>
    </message>
    <message>
        <source>A delete/edit conflict is resolved by keeping the delete or restoring the record.</source>
        <translation>삭제/수정 충돌은 삭제를 유지하거나 자료를 복원하여 해결합니다.</translation>
    </message>
    <message>
        <source>Device {device} is not enrolled with HQ.</source>
        <translation>기기 {device}은(는) 본부에 등록되어 있지 않습니다.</translation>
    </message>
    <message>
        <source>Device {device} has been revoked by HQ; it must be enrolled again.</source>
        <translation>기기 {device}은(는) 본부가 등록을 취소했습니다. 다시 등록해야 합니다.</translation>
    </message>
    <message>
        <source>Device {device} is already enrolled.</source>
        <translation>기기 {device}은(는) 이미 등록되어 있습니다.</translation>
    </message>
    <message>
        <source>Device {device} was enrolled for {owner}, not {mission}: set this laptop up again for its new mission.</source>
        <translation>기기 {device}은(는) {mission}이(가) 아니라 {owner}에 등록되어 있습니다. 새 공관에 맞게 이 노트북을 다시 설정하십시오.</translation>
    </message>
    <message>
        <source>Slot {slot} of {mission} is taken by device {device}; choose another slot.</source>
        <translation>{mission}의 슬롯 {slot}은(는) 기기 {device}이(가) 사용 중입니다. 다른 슬롯을 고르십시오.</translation>
    </message>
    <message>
        <source>This enrolment code is unknown, used or expired; ask HQ for a new one.</source>
        <translation>이 등록 코드는 알 수 없거나 이미 쓰였거나 만료되었습니다. 본부에 새 코드를 요청하십시오.</translation>
    </message>
    <message>
        <source>This device is not enrolled with this server; enrol it with a code from HQ.</source>
        <translation>이 기기는 이 서버에 등록되어 있지 않습니다. 본부에서 받은 코드로 등록하십시오.</translation>
    </message>
    <message>
        <source>The device credential is wrong; enrol this laptop again.</source>
        <translation>기기 인증 정보가 틀렸습니다. 이 노트북을 다시 등록하십시오.</translation>
    </message>
    <message>
        <source>This device has been revoked by HQ; it must be enrolled again.</source>
        <translation>본부가 이 기기의 등록을 취소했습니다. 다시 등록해야 합니다.</translation>
    </message>
    <message>
        <source>This change was made by another device.</source>
        <translation>이 변경은 다른 기기에서 만든 것입니다.</translation>
    </message>
    <message>
        <source>This change&apos;s id was already received with different content: refused, nothing changed.</source>
        <translation>이 변경의 id는 다른 내용으로 이미 접수되었습니다. 거부되었으며 바뀐 것은 없습니다.</translation>
    </message>
    <message>
        <source>Sequence number {seq} of this device was already used by another change: this database was copied or restored from an old image. Nothing was applied; enrol this laptop again.</source>
        <translation>이 기기의 일련번호 {seq}은(는) 이미 다른 변경에 사용되었습니다. 이 데이터베이스가 복사되었거나 예전 이미지에서 복원된 것입니다. 아무것도 반영되지 않았습니다. 이 노트북을 다시 등록하십시오.</translation>
    </message>
    <message>
        <source>Waiting at HQ for change {seq} of this device, which has not arrived yet.</source>
        <translation>아직 도착하지 않은 이 기기의 변경 {seq}을(를) 본부에서 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>Waiting at HQ for the record it changes, which has not arrived yet.</source>
        <translation>이 변경이 고치는 자료가 아직 도착하지 않아 본부에서 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>Still waiting at HQ.</source>
        <translation>본부에서 아직 기다리고 있습니다.</translation>
    </message>
    <message>
        <source>The record it changes never reached HQ; an administrator gave up waiting.</source>
        <translation>이 변경이 고치는 자료가 본부에 오지 않아 관리자가 기다리기를 그만두었습니다.</translation>
    </message>
    <message>
        <source>The record clashes with one HQ already holds ({constraint}).</source>
        <translation>본부에 이미 있는 자료와 겹칩니다({constraint}).</translation>
    </message>
    <message>
        <source>This change cannot be upgraded to schema {schema}: {problem}</source>
        <translation>이 변경은 스키마 {schema}(으)로 올릴 수 없습니다: {problem}</translation>
    </message>
    <message>
        <source>Unknown record type {value}.</source>
        <translation>알 수 없는 자료 종류 {value}입니다.</translation>
    </message>
    <message>
        <source>The {entity} has invalid values: {problems}</source>
        <translation>{entity}에 올바르지 않은 값이 있습니다: {problems}</translation>
    </message>
    <message>
        <source>kept for review: {fields}</source>
        <translation>검토 대상으로 보관: {fields}</translation>
    </message>
    <message>
        <source>the record was deleted at HQ; the edit is kept for review</source>
        <translation>본부에서 삭제된 자료입니다. 수정 내용은 검토 대상으로 보관됩니다</translation>
    </message>
    <message>
        <source>deleted after others edited it; kept for review</source>
        <translation>다른 사람이 수정한 뒤에 삭제되었습니다. 검토 대상으로 보관됩니다</translation>
    </message>
    <message>
        <source>This acknowledgement is for another laptop: refused.</source>
        <translation>이 수령 확인은 다른 노트북의 것입니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>Bundles are imported at HQ; this is a mission laptop.</source>
        <translation>번들은 본부에서 가져옵니다. 이 기기는 공관 노트북입니다.</translation>
    </message>
    <message>
        <source>Device {device} ({mission}) is not enrolled at HQ: register its key first (missiondesk trust-key FILE).</source>
        <translation>기기 {device}({mission})은(는) 본부에 등록되어 있지 않습니다. 먼저 그 키를 등록하십시오(missiondesk trust-key FILE).</translation>
    </message>
    <message>
        <source>Device {device} has been revoked by HQ: its bundle is refused. To take the laptop back, register its key card again with --restore (missiondesk trust-key FILE --restore).</source>
        <translation>본부가 기기 {device}의 등록을 취소했으므로 그 번들은 거부됩니다. 이 노트북을 다시 받아들이려면 키 카드를 --restore로 다시 등록하십시오(missiondesk trust-key FILE --restore).</translation>
    </message>
    <message>
        <source>Device {device} is enrolled for {owner}, not {mission}.</source>
        <translation>기기 {device}은(는) {mission}이(가) 아니라 {owner}에 등록되어 있습니다.</translation>
    </message>
    <message>
        <source>A bundle is an Excel workbook: give the file name a .xlsx ending.</source>
        <translation>번들은 Excel 통합 문서입니다. 파일 이름을 .xlsx로 끝내십시오.</translation>
    </message>
    <message>
        <source>No bundle was imported: there is nothing to acknowledge.</source>
        <translation>가져온 번들이 없어 수령 확인할 것이 없습니다.</translation>
    </message>
    <message>
        <source>No reporting period “{period}”: give a year such as 2024.</source>
        <translation>보고 기간 “{period}”이(가) 없습니다. 2024처럼 연도를 입력하십시오.</translation>
    </message>
    <message>
        <source>Only HQ locks a reporting period.</source>
        <translation>보고 기간은 본부만 확정할 수 있습니다.</translation>
    </message>
    <message>
        <source>{period} cannot be locked before its cut-off ({cutoff}).</source>
        <translation>{period}은(는) 집계 기준일({cutoff}) 전에는 확정할 수 없습니다.</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least {min} characters.</source>
        <translation>{min}자 이상의 암호 문구를 정하십시오.</translation>
    </message>
    <message>
        <source>This bundle uses format {format}, newer than this MissionDesk reads ({ours}): update MissionDesk first.</source>
        <translation>이 번들은 이 MissionDesk가 읽는 형식({ours})보다 새로운 형식 {format}을(를) 씁니다. 먼저 MissionDesk를 업데이트하십시오.</translation>
    </message>
    <message>
        <source>This bundle was made by a newer MissionDesk (schema {schema}); this install runs schema {ours}. Update MissionDesk here first; the laptop keeps its changes.</source>
        <translation>이 번들은 더 새로운 MissionDesk(스키마 {schema})로 만들어졌습니다. 이 설치본은 스키마 {ours}입니다. 먼저 여기의 MissionDesk를 업데이트하십시오. 노트북은 변경 내용을 그대로 보관합니다.</translation>
    </message>
    <message>
        <source>This bundle was made by a MissionDesk too old to import (schema {schema}; the oldest accepted is {oldest}). Update MissionDesk on that laptop and export again.</source>
        <translation>이 번들은 가져올 수 없을 만큼 오래된 MissionDesk로 만들어졌습니다(스키마 {schema}, 받아들이는 가장 오래된 스키마는 {oldest}). 그 노트북의 MissionDesk를 업데이트하고 다시 내보내십시오.</translation>
    </message>
    <message>
        <source>The changes in this file do not match its SHA-256: it was altered after it was made (tampered or edited by hand). Refused; nothing was applied.</source>
        <translation>이 파일의 변경 내용이 SHA-256과 맞지 않습니다. 만들어진 뒤에 바뀌었습니다(변조 또는 수작업 편집). 거부되었으며 아무것도 반영되지 않았습니다.</translation>
    </message>
    <message>
        <source>The signature does not match the key registered for device {device}: forged or altered. Refused; nothing was applied.</source>
        <translation>서명이 기기 {device}에 등록된 키와 맞지 않습니다. 위조되었거나 바뀌었습니다. 거부되었으며 아무것도 반영되지 않았습니다.</translation>
    </message>
    <message>
        <source>The file&apos;s signature is not valid: forged or altered. Refused; nothing was applied.</source>
        <translation>파일의 서명이 올바르지 않습니다. 위조되었거나 바뀌었습니다. 거부되었으며 아무것도 반영되지 않았습니다.</translation>
    </message>
    <message>
        <source>The attached-files archive {file} does not match the SHA-256 its bundle signed: it was altered after it was made. Refused; nothing was applied. Remove it (or ask the mission for it again) to import the records without its files.</source>
        <translation>첨부 파일 묶음 {file}이(가) 변경 사항 파일에 서명된 SHA-256과 일치하지 않습니다. 작성된 뒤 변경되었습니다. 거부되었으며 아무것도 적용되지 않았습니다. 이 묶음을 치우면(또는 공관에 다시 요청하면) 첨부 파일 없이 기록을 가져올 수 있습니다.</translation>
    </message>
    <message>
        <source>The attached-files archive {file} changed after the preview: it no longer matches the SHA-256 its bundle signed. Refused; nothing was applied. Preview the bundle again.</source>
        <translation>첨부 파일 묶음 {file}이(가) 미리 보기 뒤에 변경되었습니다. 변경 사항 파일에 서명된 SHA-256과 더 이상 일치하지 않습니다. 거부되었으며 아무것도 적용되지 않았습니다. 변경 사항 파일을 다시 미리 보십시오.</translation>
    </message>
    <message>
        <source>{file} holds the attached files of the bundle {bundle}, which is not beside it: put both in one folder and import again.</source>
        <translation>{file}에는 변경 사항 파일 {bundle}의 첨부 파일이 들어 있는데, 그 파일이 같은 폴더에 없습니다. 두 파일을 한 폴더에 두고 다시 가져오십시오.</translation>
    </message>
    <message>
        <source>A line of the bundle&apos;s files sheet is not a file entry: refused.</source>
        <translation>묶음의 파일 시트에 파일 항목이 아닌 줄이 있습니다: 거부됨.</translation>
    </message>
    <message>
        <source>The manifest&apos;s list of side-car archives cannot be read: refused.</source>
        <translation>매니페스트의 첨부 묶음 목록을 읽을 수 없습니다: 거부됨.</translation>
    </message>
    <message>
        <source>The attached file {sha256}… is longer than its record says: refused.</source>
        <translation>첨부 파일 {sha256}…이(가) 기록된 크기보다 깁니다: 거부됨.</translation>
    </message>
    <message>
        <source>An attached file is shorter than its record says: refused.</source>
        <translation>첨부 파일이 기록된 크기보다 짧습니다: 거부됨.</translation>
    </message>
    <message>
        <source>The attached file {sha256}… is not the file its record names: refused.</source>
        <translation>첨부 파일 {sha256}…이(가) 기록에 적힌 파일이 아닙니다: 거부됨.</translation>
    </message>
    <message>
        <source>The attached-files archive {file} is sealed with another password than its bundle&apos;s: refused; nothing was applied.</source>
        <translation>첨부 파일 묶음 {file}이(가) 변경 사항 파일과 다른 암호로 봉인되어 있습니다. 거부되었으며 아무것도 적용되지 않았습니다.</translation>
    </message>
    <message>
        <source>The attached-files archive {file} is sealed with a password, but its bundle is not protected: refused; nothing was applied.</source>
        <translation>첨부 파일 묶음 {file}은(는) 암호로 봉인되어 있지만 변경 사항 파일은 암호로 보호되어 있지 않습니다. 거부되었으며 아무것도 적용되지 않았습니다.</translation>
    </message>
    <message>
        <source>The device slot must be between 1 and {max}.</source>
        <translation>기기 슬롯은 1에서 {max} 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Give the officer&apos;s name (--officer).</source>
        <translation>담당관 이름을 입력하십시오(--officer).</translation>
    </message>
    <message>
        <source>{folder} is already set up for {mission} ({officer}). Use another --data-dir for a second set-up.</source>
        <translation>{folder}은(는) 이미 {mission}({officer})용으로 설정되어 있습니다. 두 번째 설정에는 다른 --data-dir을 쓰십시오.</translation>
    </message>
    <message>
        <source>This laptop is not enrolled with HQ&apos;s server yet: &apos;missiondesk enroll --server URL --code CODE&apos; (or Sync &gt; Settings).</source>
        <translation>이 노트북은 아직 본부 서버에 등록되지 않았습니다: &apos;missiondesk enroll --server URL --code CODE&apos;(또는 동기화 &gt; 설정).</translation>
    </message>
    <message>
        <source>This file belongs to another mission&apos;s records; HQ does not send it to this device.</source>
        <translation>이 파일은 다른 공관의 기록에 속합니다. 본부는 이 기기에 보내지 않습니다.</translation>
    </message>
    <message>
        <source>HQ does not have this file yet; the laptop that attached it has not sent it. Try later.</source>
        <translation>본부에 아직 이 파일이 없습니다. 첨부한 노트북이 아직 보내지 않았습니다. 나중에 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>The file that arrived does not match its SHA-256 ({sha256}); it was not kept.</source>
        <translation>받은 파일이 SHA-256({sha256})과 일치하지 않아 보관하지 않았습니다.</translation>
    </message>
    <message>
        <source>HQ has {have} bytes of this file, not {offset}; the upload continues from HQ&apos;s count.</source>
        <translation>본부에는 이 파일의 {offset}바이트가 아니라 {have}바이트가 있습니다. 본부 기준으로 이어서 올립니다.</translation>
    </message>
    <message>
        <source>The file sent is larger than its attachment record says ({size} bytes); refused.</source>
        <translation>보낸 파일이 첨부 기록의 크기({size}바이트)보다 커서 거부했습니다.</translation>
    </message>
    <message>
        <source>Sending files: {done} of {total} MB</source>
        <translation>파일 보내는 중: {total}MB 중 {done}MB</translation>
    </message>
    <message>
        <source>Receiving files: {done} of {total} MB</source>
        <translation>파일 받는 중: {total}MB 중 {done}MB</translation>
    </message>
    <message>
        <source>A contents folder shared with the sync server needs the database the server uses (--database URL).</source>
        <translation>동기화 서버와 공유하는 파일 폴더는 서버가 쓰는 데이터베이스(--database URL)가 있어야 합니다.</translation>
    </message>
    <message>
        <source>{count} attached file(s) could not be sent or received; the next sync tries again.</source>
        <translation>첨부 파일 {count}개를 보내거나 받지 못했습니다. 다음 동기화 때 다시 시도합니다.</translation>
    </message>
    <message>
        <source>{name} cannot be read ({detail}).</source>
        <translation>{name}을(를) 읽을 수 없습니다 ({detail}).</translation>
    </message>
    <message>
        <source>{name} is {size} MB, more than the {limit} MB a bundle may be.</source>
        <translation>{name}의 크기는 {size} MB로, 번들의 한도 {limit} MB를 넘습니다.</translation>
    </message>
    <message>
        <source>{name} is an encrypted (password-protected) or old-format Excel file: it is read only through the import, with its password (an old .xls: save it as .xlsx).</source>
        <translation>{name}은(는) 암호로 보호되었거나 이전 형식의 Excel 파일입니다. 가져오기에서 암호를 넣어야만 읽을 수 있습니다 (이전 .xls 파일은 .xlsx로 저장하십시오).</translation>
    </message>
    <message>
        <source>{name} is not an Excel .xlsx workbook (whatever its name says): refused.</source>
        <translation>{name}은(는) 이름과 달리 Excel .xlsx 통합 문서가 아닙니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} is damaged or truncated ({detail}): refused.</source>
        <translation>{name}이(가) 손상되었거나 잘렸습니다 ({detail}). 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} is damaged or uses a zip feature bundles never use ({detail}).</source>
        <translation>{name}이(가) 손상되었거나 번들에서 쓰지 않는 zip 기능을 사용합니다 ({detail}).</translation>
    </message>
    <message>
        <source>{name} holds {count} parts, more than a bundle ever has: refused.</source>
        <translation>{name}에는 부분이 {count}개 있어 번들이 가질 수 있는 수보다 많습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} is a zip file but not an Excel workbook: refused.</source>
        <translation>{name}은(는) zip 파일이지만 Excel 통합 문서가 아닙니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} has encrypted parts: refused.</source>
        <translation>{name}에 암호화된 부분이 있습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} has a part with an unsafe name (“{part}”): refused.</source>
        <translation>{name}에 안전하지 않은 이름의 부분(“{part}”)이 있습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} contains macros, controls or external links ({part}): refused. Bundles never have them.</source>
        <translation>{name}에 매크로, 컨트롤 또는 외부 링크가 있습니다 ({part}). 거부되었습니다. 번들에는 이런 것이 없습니다.</translation>
    </message>
    <message>
        <source>{name} expands {ratio}-fold ({part}): refused as a zip bomb.</source>
        <translation>{name}은(는) 풀면 {ratio}배로 커집니다 ({part}). 압축 폭탄으로 보아 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} would expand to {size} MB, more than the {limit} MB allowed: refused as a zip bomb.</source>
        <translation>{name}은(는) 풀면 {size} MB로, 허용된 {limit} MB를 넘습니다. 압축 폭탄으로 보아 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} has an oversized {part}: refused.</source>
        <translation>{name}의 {part}이(가) 너무 큽니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} declares XML entities in {part} (an entity-expansion attack): refused.</source>
        <translation>{name}의 {part}에 XML 엔터티 선언이 있습니다 (엔터티 확장 공격). 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} has an unreadable {part} ({detail}): refused.</source>
        <translation>{name}의 {part}을(를) 읽을 수 없습니다 ({detail}). 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} is a macro-enabled workbook: refused. Bundles never carry macros.</source>
        <translation>{name}은(는) 매크로 사용 통합 문서입니다. 거부되었습니다. 번들에는 매크로가 없습니다.</translation>
    </message>
    <message>
        <source>{name} expands beyond the allowed size: refused as a zip bomb.</source>
        <translation>{name}은(는) 풀면 허용된 크기를 넘습니다. 압축 폭탄으로 보아 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name}: a sheet ({part}) has more than {max} rows, more than a bundle may hold: refused.</source>
        <translation>{name}: 시트({part})의 행이 {max}개를 넘어 번들이 담을 수 있는 양보다 많습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} has more than {max} cells, more than a bundle may hold: refused.</source>
        <translation>{name}의 셀이 {max}개를 넘어 번들이 담을 수 있는 양보다 많습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} cannot be read as a workbook ({detail}): refused.</source>
        <translation>{name}을(를) 통합 문서로 읽을 수 없습니다 ({detail}). 거부되었습니다.</translation>
    </message>
    <message>
        <source>The workbook&apos;s manifest is not a MissionDesk bundle manifest: refused.</source>
        <translation>통합 문서의 매니페스트가 MissionDesk 번들 매니페스트가 아닙니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>This is not a {kind} file (it is “{found}”).</source>
        <translation>{kind} 파일이 아닙니다 (“{found}” 파일입니다).</translation>
    </message>
    <message>
        <source>The manifest&apos;s creation time is not a date and time (“{text}”): refused.</source>
        <translation>매니페스트의 작성 시각이 날짜와 시간이 아닙니다 (“{text}”). 거부되었습니다.</translation>
    </message>
    <message>
        <source>Row {row} of the ops sheet is not a valid op ({detail}): refused.</source>
        <translation>변경 시트의 {row}행은 올바른 변경이 아닙니다 ({detail}). 거부되었습니다.</translation>
    </message>
    <message>
        <source>Sequence number {seq} appears twice in this bundle: refused.</source>
        <translation>일련번호 {seq}이(가) 이 번들에 두 번 나옵니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>Row {row} of the ops sheet was made by another device: refused.</source>
        <translation>변경 시트의 {row}행은 다른 기기가 만든 것입니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>Row {row} of the ops sheet has a newer schema than its manifest: refused.</source>
        <translation>변경 시트의 {row}행은 매니페스트보다 새 스키마로 만들어졌습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>The bundle holds {count} ops but its manifest says {expected}: refused.</source>
        <translation>번들에 변경이 {count}건 있지만 매니페스트에는 {expected}건으로 되어 있습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>The ops&apos; sequence numbers do not match the manifest&apos;s range: refused.</source>
        <translation>변경의 일련번호가 매니페스트의 범위와 맞지 않습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>Row {row} of the {sheet} sheet is not valid JSON: refused.</source>
        <translation>{sheet} 시트의 {row}행은 올바른 JSON이 아닙니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>Row {row} of the {sheet} sheet is not a record: refused.</source>
        <translation>{sheet} 시트의 {row}행은 자료가 아닙니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>Sheet {sheet}, row {row}, column {column}: {detail}. Refused; nothing was applied.</source>
        <translation>{sheet} 시트 {row}행 {column} 열: {detail}. 거부되었으며 아무것도 반영되지 않았습니다.</translation>
    </message>
    <message>
        <source>A bundle password needs at least {min} characters.</source>
        <translation>번들 암호는 {min}자 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>The password file {name} cannot be read ({detail}).</source>
        <translation>암호 파일 {name}을(를) 읽을 수 없습니다 ({detail}).</translation>
    </message>
    <message>
        <source>The password file {name} is empty.</source>
        <translation>암호 파일 {name}이(가) 비어 있습니다.</translation>
    </message>
    <message>
        <source>{name} was altered after it was encrypted ({detail}): refused.</source>
        <translation>{name}은(는) 암호화된 뒤에 변경되었습니다 ({detail}). 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} is a damaged encrypted file ({detail}): refused.</source>
        <translation>{name}은(는) 손상된 암호화 파일입니다 ({detail}). 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} is a damaged OLE compound file: refused.</source>
        <translation>{name}은(는) 손상된 OLE 복합 파일입니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} is an old-format (.xls) or damaged encrypted Excel file ({detail}): refused. Save it as .xlsx.</source>
        <translation>{name}은(는) 이전 형식(.xls)이거나 손상된 암호화 Excel 파일입니다 ({detail}). 거부되었습니다. .xlsx로 저장하십시오.</translation>
    </message>
    <message>
        <source>{name} is an old-format Excel file or uses an old encryption without an integrity check: refused. Save it as .xlsx with a current Excel or LibreOffice.</source>
        <translation>{name}은(는) 이전 형식의 Excel 파일이거나 무결성 검사가 없는 이전 암호화를 사용합니다. 거부되었습니다. 최신 Excel이나 LibreOffice에서 .xlsx로 저장하십시오.</translation>
    </message>
    <message>
        <source>{name} asks for a key derivation of {rounds} rounds, far more than Excel or LibreOffice use: refused.</source>
        <translation>{name}은(는) 키 유도를 {rounds}회 요구하는데, Excel이나 LibreOffice가 쓰는 횟수보다 훨씬 많습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} has no manifest sheet: it is not a MissionDesk bundle.</source>
        <translation>{name}에 매니페스트 시트가 없습니다. MissionDesk 번들이 아닙니다.</translation>
    </message>
    <message>
        <source>{name} has lost its “{sheet}” sheet: refused.</source>
        <translation>{name}에서 “{sheet}” 시트가 없어졌습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>Row {row} of the {sheet} sheet is empty: the file was edited; refused.</source>
        <translation>{sheet} 시트의 {row}행이 비어 있습니다. 파일이 편집되었으므로 거부되었습니다.</translation>
    </message>
    <message>
        <source>Row {row} of the {sheet} sheet holds a value that is not text: the file was edited; refused.</source>
        <translation>{sheet} 시트의 {row}행에 텍스트가 아닌 값이 있습니다. 파일이 편집되었으므로 거부되었습니다.</translation>
    </message>
    <message>
        <source>The device key {path} cannot be read ({detail}).</source>
        <translation>기기 키 {path}을(를) 읽을 수 없습니다 ({detail}).</translation>
    </message>
    <message>
        <source>{path} is not an Ed25519 device key.</source>
        <translation>{path}은(는) Ed25519 기기 키가 아닙니다.</translation>
    </message>
    <message>
        <source>{path} is not a MissionDesk device key ({detail}).</source>
        <translation>{path}은(는) MissionDesk 기기 키가 아닙니다 ({detail}).</translation>
    </message>
    <message>
        <source>The manifest has no “{item}”: refused.</source>
        <translation>매니페스트에 “{item}” 항목이 없습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>The manifest&apos;s {item} is not a number (“{text}”): refused.</source>
        <translation>매니페스트의 {item}이(가) 숫자가 아닙니다 (“{text}”). 거부되었습니다.</translation>
    </message>
    <message>
        <source>{name} is protected with a password: give its password.</source>
        <translation>{name}은(는) 암호로 보호되어 있습니다. 암호를 입력하십시오.</translation>
    </message>
    <message>
        <source>{name} is protected with a password: the password given does not open it; nothing was read.</source>
        <translation>{name}은(는) 암호로 보호되어 있습니다. 입력한 암호로 열리지 않아 아무것도 읽지 않았습니다.</translation>
    </message>
    <message>
        <source>{name}: its readable sheets could not be read (the reader stopped: out of memory?). Refused; nothing was applied.</source>
        <translation>{name}: 읽기용 시트를 읽지 못했습니다 (읽는 프로세스가 멈췄습니다. 메모리 부족일 수 있습니다). 거부되었으며 아무것도 반영되지 않았습니다.</translation>
    </message>
    <message>
        <source>{name}: its readable sheets could not be read ({detail}). Refused.</source>
        <translation>{name}: 읽기용 시트를 읽지 못했습니다 ({detail}). 거부되었습니다.</translation>
    </message>
    <message>
        <source>That is this device&apos;s own key.</source>
        <translation>이 기기 자신의 키입니다.</translation>
    </message>
    <message>
        <source>A mission laptop trusts HQ&apos;s key only; mission keys are registered at HQ.</source>
        <translation>공관 노트북은 본부 키만 신뢰합니다. 공관 기기의 키는 본부에서 등록합니다.</translation>
    </message>
    <message>
        <source>Device {device} is enrolled for {owner}, not {mission}: refused.</source>
        <translation>기기 {device}은(는) {mission}이(가) 아니라 {owner}에 등록되어 있습니다. 거부되었습니다.</translation>
    </message>
    <message>
        <source>Device {device} ({mission}, {officer}) was revoked by HQ. To take it back and accept its bundles again, confirm with --restore.</source>
        <translation>본부가 기기 {device}({mission}, {officer})의 등록을 취소했습니다. 다시 받아들여 그 번들을 가져오려면 --restore로 확인하십시오.</translation>
    </message>
    <message>
        <source>Device {device} already has another key registered. If the laptop was set up again, confirm with --replace.</source>
        <translation>기기 {device}에는 이미 다른 키가 등록되어 있습니다. 노트북을 다시 설정했다면 --replace로 확인하십시오.</translation>
    </message>
    <message>
        <source>Demo data is made for a mission laptop, not for the HQ install.</source>
        <translation>시연용 자료는 본부 설치본이 아니라 공관 노트북에서 만듭니다.</translation>
    </message>
    <message>
        <source>Ask for between 0 and 1,000,000 demo cases.</source>
        <translation>시연용 사례 수는 0에서 1,000,000 사이로 정하십시오.</translation>
    </message>
    <message>
        <source>{file} cannot be read ({detail}); enrol this laptop again.</source>
        <translation>{file}을(를) 읽을 수 없습니다 ({detail}). 이 노트북을 다시 등록하십시오.</translation>
    </message>
    <message>
        <source>{file} cannot be read ({detail}); restore the data folder from a backup together with its key.</source>
        <translation>{file}을(를) 읽을 수 없습니다 ({detail}). 데이터 폴더를 그 키와 함께 백업에서 복원하십시오.</translation>
    </message>
    <message>
        <source>{file} cannot be read ({detail}); fix or remove it.</source>
        <translation>{file}을(를) 읽을 수 없습니다 ({detail}). 고치거나 지우십시오.</translation>
    </message>
    <message>
        <source>{folder} is not set up yet. Run &apos;missiondesk init --mission CODE --officer NAME&apos;.</source>
        <translation>{folder}은(는) 아직 설정되지 않았습니다. &apos;missiondesk init --mission CODE --officer NAME&apos;을 실행하십시오.</translation>
    </message>
    <message>
        <source>Counting stopped.</source>
        <translation>세기를 멈췄습니다.</translation>
    </message>
    <message>
        <source>Give the mapping a name.</source>
        <translation>매핑 이름을 입력하십시오.</translation>
    </message>
    <message>
        <source>“{value}” is not a value of {column}.</source>
        <translation>“{value}”은(는) {column}의 값이 아닙니다.</translation>
    </message>
    <message>
        <source>The text to recognise is empty.</source>
        <translation>인식할 텍스트가 비어 있습니다.</translation>
    </message>
    <message>
        <source>{name}: MissionDesk reads .xlsx, .xls and .csv tables, not this kind of file.</source>
        <translation>{name}: MissionDesk는 .xlsx, .xls, .csv 표만 읽습니다. 이 종류의 파일은 읽지 않습니다.</translation>
    </message>
    <message>
        <source>Only HQ sets the limit on attached files; laptops take it from HQ when they sync.</source>
        <translation>첨부 파일 크기 제한은 본부만 정합니다. 노트북은 동기화할 때 본부의 제한을 받습니다.</translation>
    </message>
    <message>
        <source>The limit on an attached file must be at least 1 MB.</source>
        <translation>첨부 파일 크기 제한은 1MB 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>{name} has no sheet.</source>
        <translation>{name}에 시트가 없습니다.</translation>
    </message>
    <message>
        <source>{name} has no sheet “{sheet}”; it has {sheets}.</source>
        <translation>{name}에 “{sheet}” 시트가 없습니다. 있는 시트: {sheets}.</translation>
    </message>
    <message>
        <source>{name} is larger than {limit} MB: refused.</source>
        <translation>{name}은(는) {limit}MB보다 큽니다: 거부됨.</translation>
    </message>
    <message>
        <source>{name}: the sheet “{sheet}” has {rows} rows, more than the {max} a table may have: refused. Split it into sheets of at most {max} rows and import each.</source>
        <translation>{name}: 시트 “{sheet}”에 {rows}행이 있어 표 하나에 허용되는 {max}행을 넘습니다: 거부됨. {max}행 이하의 시트로 나누어 각각 가져오세요.</translation>
    </message>
    <message>
        <source>{name} is not an Excel 97-2003 workbook, whatever its name says: refused.</source>
        <translation>{name}은(는) 이름과 달리 Excel 97-2003 통합 문서가 아닙니다: 거부됨.</translation>
    </message>
    <message>
        <source>{name} contains macros: refused. Save the sheet without macros (.xlsx) and import that.</source>
        <translation>{name}에 매크로가 있습니다: 거부됨. 매크로 없이(.xlsx) 저장한 뒤 그 파일을 가져오십시오.</translation>
    </message>
    <message>
        <source>{name} is neither UTF-8 nor Korean (CP949/EUC-KR) text: save it as CSV UTF-8 and try again.</source>
        <translation>{name}은(는) UTF-8도 한국어(CP949/EUC-KR) 텍스트도 아닙니다: CSV UTF-8로 저장한 뒤 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>{name}: no header row was found in the sheet “{sheet}”.</source>
        <translation>{name}: “{sheet}” 시트에서 머리글 행을 찾지 못했습니다.</translation>
    </message>
    <message>
        <source>There is no saved {kind} mapping named “{mapping}”.</source>
        <translation>“{mapping}”(이)라는 저장된 {kind} 매핑이 없습니다.</translation>
    </message>
    <message>
        <source>A {kind} table has no field “{key}”.</source>
        <translation>{kind} 표에는 “{key}” 항목이 없습니다.</translation>
    </message>
    <message>
        <source>No column holds the {entity}&apos;s {fields}: map one (--column &apos;HEADER=FIELD&apos;) or save a mapping.</source>
        <translation>{entity}의 {fields}이(가) 든 열이 없습니다. 열을 지정하거나(--column &apos;HEADER=FIELD&apos;) 매핑을 저장하십시오.</translation>
    </message>
    <message>
        <source>This laptop keeps {owner}&apos;s records, not {mission}&apos;s.</source>
        <translation>이 노트북은 {owner}의 자료를 관리하며 {mission}의 자료는 다루지 않습니다.</translation>
    </message>
    <message>
        <source>There is no mission {mission}.</source>
        <translation>{mission} 공관은 없습니다.</translation>
    </message>
</context>
<context>
    <name>my_work</name>
    <message>
        <source>Overdue tasks</source>
        <translation>기한이 지난 할 일</translation>
    </message>
    <message>
        <source>Tasks due within {0} days</source>
        <translation>{0}일 안에 기한인 할 일</translation>
    </message>
    <message>
        <source>Cases past their expected resolution date</source>
        <translation>해결 예정일이 지난 사례</translation>
    </message>
    <message>
        <source>Dormant cases: no activity for {0} days</source>
        <translation>장기 미조치 사례: {0}일간 활동 없음</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>기한</translation>
    </message>
    <message>
        <source>Expected on</source>
        <translation>해결 예정일</translation>
    </message>
    <message>
        <source>Last activity on</source>
        <translation>마지막 활동일</translation>
    </message>
    <message>
        <source>Tasks overdue: {0}</source>
        <translation>기한이 지난 할 일 {0}건</translation>
    </message>
    <message>
        <source>Tasks due within a week: {0}</source>
        <translation>일주일 안에 기한인 할 일 {0}건</translation>
    </message>
    <message>
        <source>Cases past their expected date: {0}</source>
        <translation>예정일이 지난 사례 {0}건</translation>
    </message>
    <message>
        <source>Dormant cases: {0}</source>
        <translation>장기 미조치 사례 {0}건</translation>
    </message>
    <message>
        <source>Reading reminders</source>
        <translation>알림을 읽는 중</translation>
    </message>
    <message>
        <source>Putting reminders aside</source>
        <translation>알림을 미루는 중</translation>
    </message>
    <message>
        <source>MissionDesk reminders today: {0}</source>
        <translation>MissionDesk: 오늘 알림 {0}건</translation>
    </message>
</context>
<context>
    <name>nav</name>
    <message>
        <source>My work</source>
        <translation>내 업무</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>현장 지원 사례</translation>
    </message>
    <message>
        <source>Market briefs</source>
        <translation>시장정보</translation>
    </message>
    <message>
        <source>Council meetings</source>
        <translation>지원협의회</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>기업</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>지원모델 제안</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>할 일</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>휴지통</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>동기화</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>보고</translation>
    </message>
    <message>
        <source>Missions and data</source>
        <translation>공관 비교·자료 점검</translation>
    </message>
</context>
<context>
    <name>problem</name>
    <message>
        <source>This kind of record has no field {field}.</source>
        <translation>이 자료에는 {field} 항목이 없습니다.</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>날짜를 YYYY-MM-DD 형식으로 입력하십시오.</translation>
    </message>
    <message>
        <source>“{value}” is not one of the choices.</source>
        <translation>“{value}”은(는) 선택할 수 있는 값이 아닙니다.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>정수를 입력하십시오.</translation>
    </message>
    <message>
        <source>Expected yes or no.</source>
        <translation>예 또는 아니요여야 합니다.</translation>
    </message>
    <message>
        <source>Expected a list of codes.</source>
        <translation>코드 목록이어야 합니다.</translation>
    </message>
    <message>
        <source>Expected text.</source>
        <translation>텍스트여야 합니다.</translation>
    </message>
    <message>
        <source>{field} is longer than {max} characters.</source>
        <translation>{field}이(가) {max}자보다 깁니다.</translation>
    </message>
    <message>
        <source>{field} is too large.</source>
        <translation>{field} 값이 너무 큽니다.</translation>
    </message>
    <message>
        <source>{field} holds too many values, or one that is too long or not plain text.</source>
        <translation>{field}에 값이 너무 많거나, 너무 길거나 일반 텍스트가 아닌 값이 있습니다.</translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation>{field}은(는) 필수 항목입니다.</translation>
    </message>
    <message>
        <source>{field} cannot be negative.</source>
        <translation>{field}은(는) 음수일 수 없습니다.</translation>
    </message>
    <message>
        <source>The resolution date is before the case was received.</source>
        <translation>해결일이 접수일보다 이릅니다.</translation>
    </message>
    <message>
        <source>A closed case needs {field}.</source>
        <translation>종결된 사례에는 {field}이(가) 필요합니다.</translation>
    </message>
    <message>
        <source>Say whom the case is pending on.</source>
        <translation>대기 주체를 입력하십시오.</translation>
    </message>
    <message>
        <source>A case cannot duplicate itself.</source>
        <translation>사례는 자기 자신의 중복일 수 없습니다.</translation>
    </message>
    <message>
        <source>A held meeting needs its date.</source>
        <translation>개최된 회의에는 개최일이 필요합니다.</translation>
    </message>
    <message>
        <source>{field} must be between {low} and {high}.</source>
        <translation>{field}은(는) {low}에서 {high} 사이여야 합니다.</translation>
    </message>
    <message>
        <source>The date is not in {year}.</source>
        <translation>날짜가 {year}년이 아닙니다.</translation>
    </message>
    <message>
        <source>Meetings are numbered from 1.</source>
        <translation>회차는 1부터 시작합니다.</translation>
    </message>
    <message>
        <source>Valid until is before the brief was written.</source>
        <translation>유효기간이 작성일보다 이릅니다.</translation>
    </message>
    <message>
        <source>Completed before it was requested.</source>
        <translation>완료일이 요청일보다 이릅니다.</translation>
    </message>
    <message>
        <source>A done task needs the date it was done.</source>
        <translation>완료된 할 일에는 완료일이 필요합니다.</translation>
    </message>
    <message>
        <source>A business registration number has 10 digits (123-45-67890).</source>
        <translation>사업자등록번호는 10자리입니다 (123-45-67890).</translation>
    </message>
    <message>
        <source>This is not an email address.</source>
        <translation>이메일 주소가 아닙니다.</translation>
    </message>
    <message>
        <source>Name the partner institution or the foreign authority that attended.</source>
        <translation>참석한 협력기관 또는 주재국 기관을 입력하십시오.</translation>
    </message>
    <message>
        <source>An attachment belongs to exactly one case, activity, brief, meeting or proposal.</source>
        <translation>첨부 파일은 사례, 활동, 시장정보, 회의, 제안 중 꼭 하나에 속해야 합니다.</translation>
    </message>
    <message>
        <source>A SHA-256 is 64 lower-case hexadecimal digits.</source>
        <translation>SHA-256은 소문자 16진수 64자리입니다.</translation>
    </message>
    <message>
        <source>Meeting {year}-{number} already exists; choose another number.</source>
        <translation>회의 {year}-{number}이(가) 이미 있습니다. 다른 번호를 고르십시오.</translation>
    </message>
</context>
<context>
    <name>refusal</name>
    <message>
        <source>It refers to a record of another mission, which this kind of record may not do.</source>
        <translation>다른 공관의 자료를 가리키고 있습니다. 이 유형의 자료는 다른 공관의 자료를 가리킬 수 없습니다.</translation>
    </message>
    <message>
        <source>It refers to a record this mission cannot see.</source>
        <translation>이 공관이 볼 수 없는 자료를 가리키고 있습니다.</translation>
    </message>
    <message>
        <source>Conflicts are made by HQ&apos;s merge only: no device creates, deletes or restores one.</source>
        <translation>충돌은 본부의 병합만 만듭니다. 어떤 기기도 충돌을 만들거나 삭제하거나 복원할 수 없습니다.</translation>
    </message>
    <message>
        <source>Only the review decision of a conflict can be changed.</source>
        <translation>충돌에서는 검토 결정만 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>It belongs to another mission.</source>
        <translation>다른 공관의 자료입니다.</translation>
    </message>
    <message>
        <source>HQ cannot create, delete or restore a mission&apos;s record.</source>
        <translation>본부는 공관의 자료를 만들거나 삭제하거나 복원할 수 없습니다.</translation>
    </message>
    <message>
        <source>HQ can only write the review fields of a mission&apos;s record.</source>
        <translation>본부는 공관 자료의 검토 항목만 입력할 수 있습니다.</translation>
    </message>
    <message>
        <source>Reference data is kept by HQ; missions cannot change it.</source>
        <translation>기준 정보는 본부가 관리하며 공관은 변경할 수 없습니다.</translation>
    </message>
    <message>
        <source>Only HQ writes the review fields.</source>
        <translation>검토 항목은 본부만 입력합니다.</translation>
    </message>
    <message>
        <source>HQ&apos;s words: {0}</source>
        <translation>본부 원문: {0}</translation>
    </message>
</context>
<context>
    <name>shortcut</name>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>찾기(&amp;F)</translation>
    </message>
    <message>
        <source>Search &amp;everything…</source>
        <translation>전체 검색(&amp;E)…</translation>
    </message>
    <message>
        <source>Move to &amp;trash</source>
        <translation>휴지통으로 이동(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>삭제 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Add &amp;activity</source>
        <translation>활동 추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation>현장 지원 사례(&amp;C)</translation>
    </message>
    <message>
        <source>Market &amp;briefs</source>
        <translation>시장정보(&amp;B)</translation>
    </message>
    <message>
        <source>Council &amp;meetings</source>
        <translation>지원협의회(&amp;M)</translation>
    </message>
    <message>
        <source>C&amp;ompanies</source>
        <translation>기업(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Proposals</source>
        <translation>지원모델 제안(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>할 일(&amp;T)</translation>
    </message>
    <message>
        <source>T&amp;rash</source>
        <translation>휴지통(&amp;R)</translation>
    </message>
    <message>
        <source>Case &amp;summary…</source>
        <translation>사례 요약(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export bundle…</source>
        <translation>엑셀 번들 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>지금 동기화(&amp;N)</translation>
    </message>
    <message>
        <source>Review &amp;conflicts…</source>
        <translation>충돌 검토(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>table_import</name>
    <message>
        <source>Support cases (with activities and partner referrals)</source>
        <translation>지원 사례 (활동 및 협력기관 연계 포함)</translation>
    </message>
    <message>
        <source>Market briefs (with deliveries)</source>
        <translation>시장정보 (제공 내역 포함)</translation>
    </message>
    <message>
        <source>Council meetings (with attendance)</source>
        <translation>협의회 (참석 기관 포함)</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>기업</translation>
    </message>
    <message>
        <source>new</source>
        <translation>신규</translation>
    </message>
    <message>
        <source>matches an existing record</source>
        <translation>기존 기록과 일치</translation>
    </message>
    <message>
        <source>to confirm</source>
        <translation>확인 필요</translation>
    </message>
    <message>
        <source>imported before</source>
        <translation>이전에 가져옴</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>거부</translation>
    </message>
    <message>
        <source>New: {0}   Matched: {1}   Imported before: {2}</source>
        <translation>신규: {0}   일치: {1}   이전에 가져옴: {2}</translation>
    </message>
    <message>
        <source>To confirm: {0}   Refused: {1}</source>
        <translation>확인 필요: {0}   거부: {1}</translation>
    </message>
    <message>
        <source>Skipped: {0} (blank rows {1}, totals {2}, notes and repeated headers {3})</source>
        <translation>건너뜀: {0} (빈 행 {1}, 합계 {2}, 메모와 반복된 머리글 {3})</translation>
    </message>
</context>
<context>
    <name>value</name>
    <message>
        <source>Admin</source>
        <translation>관리자</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>분석관</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>승인됨</translation>
    </message>
    <message>
        <source>Briefing</source>
        <translation>브리핑</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>바이어</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>전화</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Chamber</source>
        <translation>상공회의소</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>종결</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>기업</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>완료됨</translation>
    </message>
    <message>
        <source>Consulate</source>
        <translation>영사관</translation>
    </message>
    <message>
        <source>Consulate general</source>
        <translation>총영사관</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>상담</translation>
    </message>
    <message>
        <source>Council</source>
        <translation>협의회</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>거절됨</translation>
    </message>
    <message>
        <source>Delete against edit</source>
        <translation>삭제와 수정 충돌</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>작성 중</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>이메일</translation>
    </message>
    <message>
        <source>Embassy</source>
        <translation>대사관</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <source>Financial</source>
        <translation>금융기관</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>후속 조치</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>확정 충돌</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>공관장</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>개최</translation>
    </message>
    <message>
        <source>High</source>
        <translation>높음</translation>
    </message>
    <message>
        <source>Home agency</source>
        <translation>국내 지원기관</translation>
    </message>
    <message>
        <source>Home ministry</source>
        <translation>국내 부처</translation>
    </message>
    <message>
        <source>Host government</source>
        <translation>주재국 정부</translation>
    </message>
    <message>
        <source>HQ</source>
        <translation>본부</translation>
    </message>
    <message>
        <source>Hybrid</source>
        <translation>혼합</translation>
    </message>
    <message>
        <source>In execution</source>
        <translation>집행 중</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>대면</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>진행 중</translation>
    </message>
    <message>
        <source>Incentives</source>
        <translation>인센티브</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>접수</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>노무</translation>
    </message>
    <message>
        <source>Legal</source>
        <translation>법률</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>물류</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>낮음</translation>
    </message>
    <message>
        <source>Market trends</source>
        <translation>시장 동향</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>중기업</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>회의</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>병합</translation>
    </message>
    <message>
        <source>Municipal</source>
        <translation>시·군</translation>
    </message>
    <message>
        <source>National</source>
        <translation>중앙정부</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>보통</translation>
    </message>
    <message>
        <source>Not resolved</source>
        <translation>미해결</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <source>Occasional</source>
        <translation>간헐적</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>담당관</translation>
    </message>
    <message>
        <source>Official letter</source>
        <translation>공문</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>온라인</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>접수</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>Take the other value</source>
        <translation>다른 값 적용</translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation>발굴</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>협력기관</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>Permanent mission</source>
        <translation>대표부</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>예정</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>우편</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>연계</translation>
    </message>
    <message>
        <source>Regular</source>
        <translation>정기적</translation>
    </message>
    <message>
        <source>Regulation</source>
        <translation>규제</translation>
    </message>
    <message>
        <source>Regulator</source>
        <translation>규제기관</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>반려됨</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>Request to an authority</source>
        <translation>기관 요청</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>요청됨</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>해결됨</translation>
    </message>
    <message>
        <source>Resolved in full</source>
        <translation>완전 해결</translation>
    </message>
    <message>
        <source>Resolved in part</source>
        <translation>일부 해결</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>보완 요청됨</translation>
    </message>
    <message>
        <source>Seminar</source>
        <translation>세미나</translation>
    </message>
    <message>
        <source>Site visit</source>
        <translation>현장 방문</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>부지</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>소기업</translation>
    </message>
    <message>
        <source>Soft</source>
        <translation>임시 충돌</translation>
    </message>
    <message>
        <source>Startup</source>
        <translation>스타트업</translation>
    </message>
    <message>
        <source>State</source>
        <translation>주·성</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>제출됨</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>세무</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>입찰</translation>
    </message>
    <message>
        <source>Keep HQ value</source>
        <translation>본부 값 유지</translation>
    </message>
    <message>
        <source>Trade office</source>
        <translation>무역관</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>이관</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>검토 중</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>긴급</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>화상</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>철회</translation>
    </message>
</context>
<context>
    <name>workflow</name>
    <message>
        <source>Open the case</source>
        <translation>사례 접수</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>작업 시작</translation>
    </message>
    <message>
        <source>Mark it pending</source>
        <translation>대기로 표시</translation>
    </message>
    <message>
        <source>Resume work</source>
        <translation>작업 재개</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>사례 종결</translation>
    </message>
    <message>
        <source>Reopen the case</source>
        <translation>사례 다시 열기</translation>
    </message>
    <message>
        <source>Record the meeting as held</source>
        <translation>개최로 기록</translation>
    </message>
    <message>
        <source>Cancel the meeting</source>
        <translation>회의 취소</translation>
    </message>
    <message>
        <source>Plan the meeting again</source>
        <translation>회의 다시 계획</translation>
    </message>
    <message>
        <source>Undo &apos;held&apos;</source>
        <translation>&apos;개최&apos; 취소</translation>
    </message>
    <message>
        <source>Submit the proposal</source>
        <translation>제안 제출</translation>
    </message>
    <message>
        <source>Withdraw the submission</source>
        <translation>제출 철회</translation>
    </message>
    <message>
        <source>Start the review</source>
        <translation>검토 시작</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>승인</translation>
    </message>
    <message>
        <source>Return for changes</source>
        <translation>보완 요청</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>반려</translation>
    </message>
    <message>
        <source>Rework the proposal</source>
        <translation>제안 다시 작성</translation>
    </message>
    <message>
        <source>Resubmit</source>
        <translation>다시 제출</translation>
    </message>
    <message>
        <source>Start execution</source>
        <translation>집행 시작</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>거절</translation>
    </message>
    <message>
        <source>Cancel the referral</source>
        <translation>연계 취소</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>다시 열기</translation>
    </message>
    <message>
        <source>Complete the task</source>
        <translation>할 일 완료</translation>
    </message>
    <message>
        <source>Cancel the task</source>
        <translation>할 일 취소</translation>
    </message>
    <message>
        <source>Reopen the task</source>
        <translation>할 일 다시 열기</translation>
    </message>
</context>
</TS>
