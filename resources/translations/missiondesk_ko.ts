<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ActivityQuickAdd</name>
    <message>
        <source>What happened? Enter adds it to the timeline (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save acknowledgements for the missions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup was taken first: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save acknowledgements (one file per device)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BriefDetail</name>
    <message>
        <source>Delivered to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome: {0} on {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Briefs delivered to the company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council meetings that discussed it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecksPage</name>
    <message>
        <source>Checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each file is checked before anything is read into the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File and check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the unverified bundles anyway (their device key is not registered here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing will change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} files can be imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused files are left out; nothing of them is read in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unverified: the device key is not registered here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChildList</name>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyDetail</name>
    <message>
        <source>Cases: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Briefs received: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another company has this registration number: {0}. Is it the same company?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Review conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep HQ value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take conflicting value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save merged value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before both edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At HQ now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged value (edit, then save):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} — {2}, changed by {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore it with the edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved. The decision is sent with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>MissionDesk ran into a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong that should not have. Your saved work is safe. Please send the details below to support.
The report was saved to: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundle holds your changes that HQ has not acknowledged yet ({0} now). They stay here until HQ&apos;s acknowledgement arrives, by sync or by file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes not yet acknowledged by HQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change still kept on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include sensitive fields (contact emails and phone numbers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare an email draft to HQ with the bundle attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HQ&apos;s email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the bundle as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter HQ&apos;s email address for the draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} changes written to {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email draft: {0} (open it in your mail program).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>Bundles to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the Excel bundles missions sent (or drop them here), several at once if you like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose bundles</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search (Ctrl+F): 공장, permit, DE-FRA-26…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to MissionDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your mission and enter your name. You can work offline from the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search missions: 프랑크푸르트, Frankfurt, DE-FRA…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name, e.g. 김영희</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add practice data ({0} cases; it never leaves this laptop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your mission in the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>New {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a row to see it here, or press Ctrl+N to add a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}+ shown, counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Changes are saved on this computer and wait in the outbox until HQ acknowledges them.
Conflicts found by HQ&apos;s merge engine are reviewed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review conflicts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pseudo (layout check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About MissionDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved to the trash: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tasks due within a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeetingDetail</name>
    <message>
        <source>Attendance by institution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MultiChoiceEditor</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been written yet. Open a row to see the field changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle / record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(conflict: HQ&apos;s value stays)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: sheet {1}, row {2}, {3}: “{4}” in the sheet, “{5}” in the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: sheet {1} was edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone edited these cells in a spreadsheet. Such edits are NOT imported:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed by {0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has a conflict to review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <source>Type to search…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent changes: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes saved here and not yet acknowledged by HQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts to review: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to HQ. Your work is saved on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced at {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <source>Needed to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} in the trash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>filter</name>
    <message>
        <source>{0}: any</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nav</name>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market briefs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Companies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shortcut</name>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to &amp;trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market &amp;briefs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council &amp;meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ompanies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Proposals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;rash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export bundle…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import bundles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review &amp;conflicts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>value</name>
    <message>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Briefing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chamber</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consulate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consulate general</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Council</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete against edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embassy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Financial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home ministry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host government</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hybrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In execution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incentives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market trends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occasional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Official letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the other value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permanent mission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regulation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request to an authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved in part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seminar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep HQ value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trade office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
