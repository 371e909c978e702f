"""The core's sentences, each with a stable code and its parameters.

A service or the authority says why it cannot do something with ``say(code, **params)``: the result
is the English sentence (a ``str``, so the CLI, the server's ``detail``, logs and older laptops read
it as before) that also keeps its code and parameters. The window words it in its language from the
same template (``ui/labels.said_text``); the server's JSON carries ``code`` and ``params`` beside the
English text, so a laptop can do the same with HQ's answers.

Each template is here once, in English. ``QT_TRANSLATE_NOOP`` (``domain.catalogue``) is a plain
function of the same name as Qt's, so that ``pyside6-lupdate`` collects these templates into the Korean
catalogue (``tools/translations.sh`` reads this file too) while the core stays free of Qt. Outside the
window the Korean comes from the same catalogue, read without Qt: ``said_in`` and ``Speaker``.

Parameters by name: ``entity`` and ``target`` are entity names, ``field``/``fields`` field names of
``entity``, ``value``/``values`` stored values; anything else is shown as it is. ``INVALID_VALUES`` also
carries ``each``: every validation problem's field, code and parameters, for the window's words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, Self

from missiondesk.domain import catalogue
from missiondesk.domain.catalogue import QT_TRANSLATE_NOOP
from missiondesk.domain.schema import entity, is_entity
from missiondesk.domain.validation import ProblemCode
from missiondesk.domain.value_names import value_names

CONTEXT = "message"  # the catalogue's context for every template here


class MessageCode(StrEnum):
    # records (services/records.py)
    NO_RECORD = "no_record"
    STATUS_THROUGH_WORKFLOW = "status_through_workflow"
    NO_WORKFLOW = "no_workflow"
    REFERENCE_NOT_DELETED = "reference_not_deleted"
    IN_TRASH_ALREADY = "in_trash_already"
    NOT_IN_TRASH = "not_in_trash"
    IN_TRASH = "in_trash"
    PARENT_GONE = "parent_gone"
    NEW_STARTS_AS = "new_starts_as"
    # workflows (domain/workflows.py)
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    TRANSITION_HQ_ONLY = "transition_hq_only"
    TRANSITION_MISSION_ONLY = "transition_mission_only"
    TRANSITION_NEEDS = "transition_needs"
    # conflicts (services/conflicts.py)
    CONFLICT_RESOLVED_ALREADY = "conflict_resolved_already"
    CONFLICT_RECORD_GONE = "conflict_record_gone"
    CONFLICT_DELETE_NO_MERGE = "conflict_delete_no_merge"
    # the authority (sync/)
    DEVICE_NOT_ENROLLED = "device_not_enrolled"
    DEVICE_REVOKED = "device_revoked"
    DEVICE_ENROLLED_ALREADY = "device_enrolled_already"
    DEVICE_OTHER_MISSION = "device_other_mission"
    SLOT_TAKEN = "slot_taken"
    ENROL_CODE_UNKNOWN = "enrol_code_unknown"
    THIS_DEVICE_UNKNOWN = "this_device_unknown"
    CREDENTIAL_WRONG = "credential_wrong"
    THIS_DEVICE_REVOKED = "this_device_revoked"
    OTHER_DEVICE_OP = "other_device_op"
    OP_ID_REUSED = "op_id_reused"
    SEQ_REUSED = "seq_reused"
    WAITING_FOR_OP = "waiting_for_op"
    WAITING_FOR_RECORD = "waiting_for_record"
    STILL_WAITING = "still_waiting"
    NEVER_REACHED = "never_reached"
    RECORD_CLASH = "record_clash"
    CANNOT_UPGRADE = "cannot_upgrade"
    UNKNOWN_ENTITY = "unknown_entity"
    INVALID_VALUES = "invalid_values"
    KEPT_FOR_REVIEW = "kept_for_review"
    EDIT_OF_DELETED = "edit_of_deleted"
    DELETE_OF_EDITED = "delete_of_edited"
    # bundles, reports and the database key (services/)
    ACK_FOR_ANOTHER_LAPTOP = "ack_for_another_laptop"
    BUNDLES_AT_HQ = "bundles_at_hq"
    BUNDLE_DEVICE_UNKNOWN = "bundle_device_unknown"
    BUNDLE_DEVICE_REVOKED = "bundle_device_revoked"
    BUNDLE_DEVICE_OTHER_MISSION = "bundle_device_other_mission"
    BUNDLE_NOT_XLSX = "bundle_not_xlsx"
    NOTHING_TO_ACKNOWLEDGE = "nothing_to_acknowledge"
    NO_PERIOD = "no_period"
    LOCK_HQ_ONLY = "lock_hq_only"
    LOCK_BEFORE_CUTOFF = "lock_before_cutoff"
    PASSPHRASE_TOO_SHORT = "passphrase_too_short"
    NOT_ENROLLED_YET = "not_enrolled_yet"
    SLOT_RANGE = "slot_range"
    BUNDLE_FORMAT_NEWER = "bundle_format_newer"
    BUNDLE_SCHEMA_NEWER = "bundle_schema_newer"
    BUNDLE_SCHEMA_OLD = "bundle_schema_old"
    BUNDLE_TAMPERED = "bundle_tampered"
    BUNDLE_SIGNATURE_MISMATCH = "bundle_signature_mismatch"
    BUNDLE_SIGNATURE_INVALID = "bundle_signature_invalid"
    SIDECAR_TAMPERED = "sidecar_tampered"
    SIDECAR_CHANGED_SINCE_PREVIEW = "sidecar_changed_since_preview"
    SIDECAR_WITHOUT_BUNDLE = "sidecar_without_bundle"
    SIDECAR_FILE_LINE_INVALID = "sidecar_file_line_invalid"
    SIDECAR_LIST_INVALID = "sidecar_list_invalid"
    SIDECAR_CONTENT_LONGER = "sidecar_content_longer"
    SIDECAR_CONTENT_SHORTER = "sidecar_content_shorter"
    SIDECAR_CONTENT_NOT_NAMED = "sidecar_content_not_named"
    SIDECAR_SEALED_WRONG_PASSWORD = "sidecar_sealed_wrong_password"
    SIDECAR_SEALED_NO_PASSWORD = "sidecar_sealed_no_password"
    OFFICER_NAME_NEEDED = "officer_name_needed"
    FOLDER_SET_UP_ALREADY = "folder_set_up_already"
    # attachment contents over the network (sync/blob_hub.py, sync/blob_client.py)
    BLOB_OUT_OF_SCOPE = "blob_out_of_scope"
    BLOB_NOT_AT_HQ = "blob_not_at_hq"
    BLOB_HASH_MISMATCH = "blob_hash_mismatch"
    BLOB_OFFSET_AHEAD = "blob_offset_ahead"
    BLOB_LARGER_THAN_RECORD = "blob_larger_than_record"
    BLOB_SENDING = "blob_sending"
    BLOB_RECEIVING = "blob_receiving"
    SYNC_FILES_FAILED = "sync_files_failed"
    SHARED_CONTENTS_NEED_SERVER_DATABASE = "shared_contents_need_server_database"
    # bundle files: container, password, reader, verification, device keys (bundles/)
    FILE_UNREADABLE = "file_unreadable"
    BUNDLE_TOO_LARGE = "bundle_too_large"
    BUNDLE_ENCRYPTED_FILE = "bundle_encrypted_file"
    BUNDLE_NOT_XLSX_CONTENT = "bundle_not_xlsx_content"
    BUNDLE_DAMAGED = "bundle_damaged"
    BUNDLE_ZIP_FEATURE = "bundle_zip_feature"
    BUNDLE_TOO_MANY_PARTS = "bundle_too_many_parts"
    BUNDLE_ZIP_NOT_EXCEL = "bundle_zip_not_excel"
    BUNDLE_ENCRYPTED_PARTS = "bundle_encrypted_parts"
    BUNDLE_UNSAFE_NAME = "bundle_unsafe_name"
    BUNDLE_ACTIVE_CONTENT = "bundle_active_content"
    BUNDLE_ZIP_BOMB_RATIO = "bundle_zip_bomb_ratio"
    BUNDLE_ZIP_BOMB_TOTAL = "bundle_zip_bomb_total"
    BUNDLE_OVERSIZED_PART = "bundle_oversized_part"
    BUNDLE_XML_ENTITIES = "bundle_xml_entities"
    BUNDLE_UNREADABLE_PART = "bundle_unreadable_part"
    BUNDLE_MACRO_WORKBOOK = "bundle_macro_workbook"
    BUNDLE_ZIP_BOMB = "bundle_zip_bomb"
    BUNDLE_TOO_MANY_ROWS = "bundle_too_many_rows"
    BUNDLE_TOO_MANY_CELLS = "bundle_too_many_cells"
    BUNDLE_NOT_READABLE_WORKBOOK = "bundle_not_readable_workbook"
    BUNDLE_NOT_MANIFEST = "bundle_not_manifest"
    BUNDLE_WRONG_KIND = "bundle_wrong_kind"
    BUNDLE_CREATED_NOT_TIME = "bundle_created_not_time"
    BUNDLE_OP_INVALID = "bundle_op_invalid"
    BUNDLE_SEQ_TWICE = "bundle_seq_twice"
    BUNDLE_OP_OTHER_DEVICE = "bundle_op_other_device"
    BUNDLE_OP_SCHEMA_NEWER = "bundle_op_schema_newer"
    BUNDLE_OP_COUNT = "bundle_op_count"
    BUNDLE_SEQ_RANGE = "bundle_seq_range"
    BUNDLE_ROW_NOT_JSON = "bundle_row_not_json"
    BUNDLE_ROW_NOT_RECORD = "bundle_row_not_record"
    BUNDLE_CELL_EDITED = "bundle_cell_edited"
    BUNDLE_PASSWORD_SHORT = "bundle_password_short"
    PASSWORD_FILE_UNREADABLE = "password_file_unreadable"
    PASSWORD_FILE_EMPTY = "password_file_empty"
    BUNDLE_ALTERED_ENCRYPTED = "bundle_altered_encrypted"
    BUNDLE_DAMAGED_ENCRYPTED = "bundle_damaged_encrypted"
    BUNDLE_DAMAGED_OLE = "bundle_damaged_ole"
    BUNDLE_OLD_XLS = "bundle_old_xls"
    BUNDLE_OLD_ENCRYPTION = "bundle_old_encryption"
    BUNDLE_KEY_ROUNDS = "bundle_key_rounds"
    BUNDLE_NO_MANIFEST = "bundle_no_manifest"
    BUNDLE_SHEET_LOST = "bundle_sheet_lost"
    BUNDLE_ROW_EMPTY = "bundle_row_empty"
    BUNDLE_ROW_NOT_TEXT = "bundle_row_not_text"
    DEVICE_KEY_UNREADABLE = "device_key_unreadable"
    DEVICE_KEY_NOT_ED25519 = "device_key_not_ed25519"
    DEVICE_KEY_NOT_OURS = "device_key_not_ours"
    MANIFEST_ITEM_MISSING = "manifest_item_missing"
    MANIFEST_NOT_NUMBER = "manifest_not_number"
    BUNDLE_PASSWORD_NEEDED = "bundle_password_needed"
    BUNDLE_PASSWORD_WRONG = "bundle_password_wrong"
    READABLE_READER_STOPPED = "readable_reader_stopped"
    READABLE_FAILED = "readable_failed"
    # key cards, demo data, credential and settings files (services/)
    KEY_CARD_OWN = "key_card_own"
    KEY_CARD_MISSION_AT_LAPTOP = "key_card_mission_at_laptop"
    KEY_CARD_OTHER_MISSION = "key_card_other_mission"
    KEY_CARD_REVOKED = "key_card_revoked"
    KEY_CARD_OTHER_KEY = "key_card_other_key"
    DEMO_AT_HQ = "demo_at_hq"
    DEMO_COUNT = "demo_count"
    CREDENTIAL_FILE_UNREADABLE = "credential_file_unreadable"
    KEY_FILE_UNREADABLE = "key_file_unreadable"
    SETTINGS_UNREADABLE = "settings_unreadable"
    FOLDER_NOT_SET_UP = "folder_not_set_up"
    # legacy tables and counting (services/table_import.py, services/records.py)
    COUNTING_STOPPED = "counting_stopped"
    MAPPING_NAME_NEEDED = "mapping_name_needed"
    SYNONYM_NOT_A_VALUE = "synonym_not_a_value"
    SYNONYM_EMPTY = "synonym_empty"
    TABLE_NO_HEADER = "table_no_header"
    TABLE_NO_SHEET = "table_no_sheet"
    ATTACHMENT_LIMIT_HQ_ONLY = "attachment_limit_hq_only"
    ATTACHMENT_LIMIT_TOO_SMALL = "attachment_limit_too_small"
    TABLE_KIND_UNREAD = "table_kind_unread"
    TABLE_SHEET_MISSING = "table_sheet_missing"
    TABLE_TOO_LARGE = "table_too_large"
    TABLE_TOO_MANY_ROWS = "table_too_many_rows"
    TABLE_NOT_XLS = "table_not_xls"
    TABLE_MACROS = "table_macros"
    TABLE_NOT_TEXT = "table_not_text"
    MAPPING_UNKNOWN = "mapping_unknown"
    TABLE_NO_FIELD = "table_no_field"
    TABLE_NO_COLUMN_FOR = "table_no_column_for"
    TABLE_OTHER_MISSION = "table_other_mission"
    NO_MISSION = "no_mission"
    # permission refusals (domain/permissions.py: ``RefusalCode`` has the same values); their text
    # keeps the code at its head (``code: sentence``), as receipts and older laptops read it
    REFERENCE_FOREIGN = "reference_foreign"
    REFERENCE_OUT_OF_SCOPE = "reference_out_of_scope"
    AUTHORITY_MADE = "authority_made"
    DECISION_ONLY = "decision_only"
    OWNED_ELSEWHERE = "owned_elsewhere"
    MISSION_RECORD = "mission_record"
    REVIEW_FIELDS_ONLY = "review_fields_only"
    REFERENCE_DATA = "reference_data"
    HQ_REVIEW_FIELDS = "hq_review_fields"


ENGLISH: dict[MessageCode, str] = {
    MessageCode.REFERENCE_FOREIGN: QT_TRANSLATE_NOOP(
        "message",
        "The {fields} field names a {target} of {owner}; this {entity} may only refer to its own mission's records.",
    ),
    MessageCode.REFERENCE_OUT_OF_SCOPE: QT_TRANSLATE_NOOP(
        "message", "The {fields} field names a {target} of {owner}, which {mission} cannot read."
    ),
    MessageCode.AUTHORITY_MADE: QT_TRANSLATE_NOOP(
        "message", "A {entity} is made by HQ's merge only: no device creates, deletes or restores one."
    ),
    MessageCode.DECISION_ONLY: QT_TRANSLATE_NOOP(
        "message", "Only the review decision of a {entity} can be changed, not {fields}."
    ),
    MessageCode.OWNED_ELSEWHERE: QT_TRANSLATE_NOOP(
        "message", "This {entity} belongs to {owner}; {mission} cannot change it."
    ),
    MessageCode.MISSION_RECORD: QT_TRANSLATE_NOOP(
        "message", "A {entity} belongs to its mission; HQ cannot create, delete or restore one."
    ),
    MessageCode.REVIEW_FIELDS_ONLY: QT_TRANSLATE_NOOP(
        "message", "HQ can only write the review fields of a {entity}, not {fields}."
    ),
    MessageCode.REFERENCE_DATA: QT_TRANSLATE_NOOP(
        "message", "A {entity} is reference data kept by HQ; missions cannot change it."
    ),
    MessageCode.HQ_REVIEW_FIELDS: QT_TRANSLATE_NOOP("message", "Only HQ writes {fields} of a {entity}."),
    MessageCode.NO_RECORD: QT_TRANSLATE_NOOP("message", "There is no {entity} with id {id}."),
    MessageCode.STATUS_THROUGH_WORKFLOW: QT_TRANSLATE_NOOP(
        "message", "Change the {field} of a {entity} through its workflow."
    ),
    MessageCode.NO_WORKFLOW: QT_TRANSLATE_NOOP("message", "A {entity} has no workflow."),
    MessageCode.REFERENCE_NOT_DELETED: QT_TRANSLATE_NOOP(
        "message", "A {entity} is reference data: disable it instead of deleting it."
    ),
    MessageCode.IN_TRASH_ALREADY: QT_TRANSLATE_NOOP("message", "This {entity} is in the trash already."),
    MessageCode.NOT_IN_TRASH: QT_TRANSLATE_NOOP("message", "This {entity} is not in the trash."),
    MessageCode.IN_TRASH: QT_TRANSLATE_NOOP("message", "This {entity} is in the trash; restore it first."),
    MessageCode.PARENT_GONE: QT_TRANSLATE_NOOP("message", "The {target} this {entity} belongs to is gone."),
    MessageCode.NEW_STARTS_AS: QT_TRANSLATE_NOOP(
        "message", "A new {entity} starts as one of: {values}; not as {value}."
    ),
    MessageCode.TRANSITION_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "message", "A {entity} cannot go from {source} to {value} (allowed from {source}: {values})."
    ),
    MessageCode.TRANSITION_HQ_ONLY: QT_TRANSLATE_NOOP(
        "message", "Only HQ can move a {entity} from {source} to {value}."
    ),
    MessageCode.TRANSITION_MISSION_ONLY: QT_TRANSLATE_NOOP(
        "message", "Only the owner mission can move a {entity} from {source} to {value}."
    ),
    MessageCode.TRANSITION_NEEDS: QT_TRANSLATE_NOOP("message", "To {step}, fill in: {fields}."),
    MessageCode.CONFLICT_RESOLVED_ALREADY: QT_TRANSLATE_NOOP(
        "message", "This conflict has been resolved already."
    ),
    MessageCode.CONFLICT_RECORD_GONE: QT_TRANSLATE_NOOP(
        "message", "This device does not hold the record any more; resolve it at HQ or its mission."
    ),
    MessageCode.CONFLICT_DELETE_NO_MERGE: QT_TRANSLATE_NOOP(
        "message", "A delete/edit conflict is resolved by keeping the delete or restoring the record."
    ),
    MessageCode.DEVICE_NOT_ENROLLED: QT_TRANSLATE_NOOP("message", "Device {device} is not enrolled with HQ."),
    MessageCode.DEVICE_REVOKED: QT_TRANSLATE_NOOP(
        "message", "Device {device} has been revoked by HQ; it must be enrolled again."
    ),
    MessageCode.DEVICE_ENROLLED_ALREADY: QT_TRANSLATE_NOOP("message", "Device {device} is already enrolled."),
    MessageCode.DEVICE_OTHER_MISSION: QT_TRANSLATE_NOOP(
        "message",
        "Device {device} was enrolled for {owner}, not {mission}: set this laptop up again for its new mission.",
    ),
    MessageCode.SLOT_TAKEN: QT_TRANSLATE_NOOP(
        "message", "Slot {slot} of {mission} is taken by device {device}; choose another slot."
    ),
    MessageCode.ENROL_CODE_UNKNOWN: QT_TRANSLATE_NOOP(
        "message", "This enrolment code is unknown, used or expired; ask HQ for a new one."
    ),
    MessageCode.THIS_DEVICE_UNKNOWN: QT_TRANSLATE_NOOP(
        "message", "This device is not enrolled with this server; enrol it with a code from HQ."
    ),
    MessageCode.CREDENTIAL_WRONG: QT_TRANSLATE_NOOP(
        "message", "The device credential is wrong; enrol this laptop again."
    ),
    MessageCode.THIS_DEVICE_REVOKED: QT_TRANSLATE_NOOP(
        "message", "This device has been revoked by HQ; it must be enrolled again."
    ),
    MessageCode.OTHER_DEVICE_OP: QT_TRANSLATE_NOOP("message", "This change was made by another device."),
    MessageCode.OP_ID_REUSED: QT_TRANSLATE_NOOP(
        "message", "This change's id was already received with different content: refused, nothing changed."
    ),
    MessageCode.SEQ_REUSED: QT_TRANSLATE_NOOP(
        "message",
        "Sequence number {seq} of this device was already used by another change: this database was copied "
        "or restored from an old image. Nothing was applied; enrol this laptop again.",
    ),
    MessageCode.WAITING_FOR_OP: QT_TRANSLATE_NOOP(
        "message", "Waiting at HQ for change {seq} of this device, which has not arrived yet."
    ),
    MessageCode.WAITING_FOR_RECORD: QT_TRANSLATE_NOOP(
        "message", "Waiting at HQ for the record it changes, which has not arrived yet."
    ),
    MessageCode.STILL_WAITING: QT_TRANSLATE_NOOP("message", "Still waiting at HQ."),
    MessageCode.NEVER_REACHED: QT_TRANSLATE_NOOP(
        "message", "The record it changes never reached HQ; an administrator gave up waiting."
    ),
    MessageCode.RECORD_CLASH: QT_TRANSLATE_NOOP(
        "message", "The record clashes with one HQ already holds ({constraint})."
    ),
    MessageCode.CANNOT_UPGRADE: QT_TRANSLATE_NOOP(
        "message", "This change cannot be upgraded to schema {schema}: {problem}"
    ),
    MessageCode.UNKNOWN_ENTITY: QT_TRANSLATE_NOOP("message", "Unknown record type {value}."),
    MessageCode.INVALID_VALUES: QT_TRANSLATE_NOOP("message", "The {entity} has invalid values: {problems}"),
    MessageCode.KEPT_FOR_REVIEW: QT_TRANSLATE_NOOP("message", "kept for review: {fields}"),
    MessageCode.EDIT_OF_DELETED: QT_TRANSLATE_NOOP(
        "message", "the record was deleted at HQ; the edit is kept for review"
    ),
    MessageCode.DELETE_OF_EDITED: QT_TRANSLATE_NOOP(
        "message", "deleted after others edited it; kept for review"
    ),
    MessageCode.ACK_FOR_ANOTHER_LAPTOP: QT_TRANSLATE_NOOP(
        "message", "This acknowledgement is for another laptop: refused."
    ),
    MessageCode.BUNDLES_AT_HQ: QT_TRANSLATE_NOOP(
        "message", "Bundles are imported at HQ; this is a mission laptop."
    ),
    MessageCode.BUNDLE_DEVICE_UNKNOWN: QT_TRANSLATE_NOOP(
        "message",
        "Device {device} ({mission}) is not enrolled at HQ: register its key first (missiondesk trust-key FILE).",
    ),
    MessageCode.BUNDLE_DEVICE_REVOKED: QT_TRANSLATE_NOOP(
        "message",
        "Device {device} has been revoked by HQ: its bundle is refused. To take the laptop back, register its "
        "key card again with --restore (missiondesk trust-key FILE --restore).",
    ),
    MessageCode.BUNDLE_DEVICE_OTHER_MISSION: QT_TRANSLATE_NOOP(
        "message", "Device {device} is enrolled for {owner}, not {mission}."
    ),
    MessageCode.BUNDLE_NOT_XLSX: QT_TRANSLATE_NOOP(
        "message", "A bundle is an Excel workbook: give the file name a .xlsx ending."
    ),
    MessageCode.NOTHING_TO_ACKNOWLEDGE: QT_TRANSLATE_NOOP(
        "message", "No bundle was imported: there is nothing to acknowledge."
    ),
    MessageCode.NO_PERIOD: QT_TRANSLATE_NOOP(
        "message", "No reporting period “{period}”: give a year such as 2024."
    ),
    MessageCode.LOCK_HQ_ONLY: QT_TRANSLATE_NOOP("message", "Only HQ locks a reporting period."),
    MessageCode.LOCK_BEFORE_CUTOFF: QT_TRANSLATE_NOOP(
        "message", "{period} cannot be locked before its cut-off ({cutoff})."
    ),
    MessageCode.PASSPHRASE_TOO_SHORT: QT_TRANSLATE_NOOP(
        "message", "Choose a passphrase of at least {min} characters."
    ),
    MessageCode.BUNDLE_FORMAT_NEWER: QT_TRANSLATE_NOOP(
        "message",
        "This bundle uses format {format}, newer than this MissionDesk reads ({ours}): update MissionDesk first.",
    ),
    MessageCode.BUNDLE_SCHEMA_NEWER: QT_TRANSLATE_NOOP(
        "message",
        "This bundle was made by a newer MissionDesk (schema {schema}); this install runs schema {ours}. Update "
        "MissionDesk here first; the laptop keeps its changes.",
    ),
    MessageCode.BUNDLE_SCHEMA_OLD: QT_TRANSLATE_NOOP(
        "message",
        "This bundle was made by a MissionDesk too old to import (schema {schema}; the oldest accepted is "
        "{oldest}). Update MissionDesk on that laptop and export again.",
    ),
    MessageCode.BUNDLE_TAMPERED: QT_TRANSLATE_NOOP(
        "message",
        "The changes in this file do not match its SHA-256: it was altered after it was made (tampered or "
        "edited by hand). Refused; nothing was applied.",
    ),
    MessageCode.BUNDLE_SIGNATURE_MISMATCH: QT_TRANSLATE_NOOP(
        "message",
        "The signature does not match the key registered for device {device}: forged or altered. Refused; "
        "nothing was applied.",
    ),
    MessageCode.BUNDLE_SIGNATURE_INVALID: QT_TRANSLATE_NOOP(
        "message", "The file's signature is not valid: forged or altered. Refused; nothing was applied."
    ),
    MessageCode.SIDECAR_TAMPERED: QT_TRANSLATE_NOOP(
        "message",
        "The attached-files archive {file} does not match the SHA-256 its bundle signed: it was altered after "
        "it was made. Refused; nothing was applied. Remove it (or ask the mission for it again) to import the "
        "records without its files.",
    ),
    MessageCode.SIDECAR_CHANGED_SINCE_PREVIEW: QT_TRANSLATE_NOOP(
        "message",
        "The attached-files archive {file} changed after the preview: it no longer matches the SHA-256 its "
        "bundle signed. Refused; nothing was applied. Preview the bundle again.",
    ),
    MessageCode.SIDECAR_WITHOUT_BUNDLE: QT_TRANSLATE_NOOP(
        "message",
        "{file} holds the attached files of the bundle {bundle}, which is not beside it: put both in one folder "
        "and import again.",
    ),
    MessageCode.SIDECAR_FILE_LINE_INVALID: QT_TRANSLATE_NOOP(
        "message", "A line of the bundle's files sheet is not a file entry: refused."
    ),
    MessageCode.SIDECAR_LIST_INVALID: QT_TRANSLATE_NOOP(
        "message", "The manifest's list of side-car archives cannot be read: refused."
    ),
    MessageCode.SIDECAR_CONTENT_LONGER: QT_TRANSLATE_NOOP(
        "message", "The attached file {sha256}… is longer than its record says: refused."
    ),
    MessageCode.SIDECAR_CONTENT_SHORTER: QT_TRANSLATE_NOOP(
        "message", "An attached file is shorter than its record says: refused."
    ),
    MessageCode.SIDECAR_CONTENT_NOT_NAMED: QT_TRANSLATE_NOOP(
        "message", "The attached file {sha256}… is not the file its record names: refused."
    ),
    MessageCode.SIDECAR_SEALED_WRONG_PASSWORD: QT_TRANSLATE_NOOP(
        "message",
        "The attached-files archive {file} is sealed with another password than its bundle's: refused; "
        "nothing was applied.",
    ),
    MessageCode.SIDECAR_SEALED_NO_PASSWORD: QT_TRANSLATE_NOOP(
        "message",
        "The attached-files archive {file} is sealed with a password, but its bundle is not protected: "
        "refused; nothing was applied.",
    ),
    MessageCode.SLOT_RANGE: QT_TRANSLATE_NOOP("message", "The device slot must be between 1 and {max}."),
    MessageCode.OFFICER_NAME_NEEDED: QT_TRANSLATE_NOOP("message", "Give the officer's name (--officer)."),
    MessageCode.FOLDER_SET_UP_ALREADY: QT_TRANSLATE_NOOP(
        "message",
        "{folder} is already set up for {mission} ({officer}). Use another --data-dir for a second set-up.",
    ),
    MessageCode.NOT_ENROLLED_YET: QT_TRANSLATE_NOOP(
        "message",
        "This laptop is not enrolled with HQ's server yet: 'missiondesk enroll --server URL --code CODE' "
        "(or Sync > Settings).",
    ),
    MessageCode.BLOB_OUT_OF_SCOPE: QT_TRANSLATE_NOOP(
        "message", "This file belongs to another mission's records; HQ does not send it to this device."
    ),
    MessageCode.BLOB_NOT_AT_HQ: QT_TRANSLATE_NOOP(
        "message", "HQ does not have this file yet; the laptop that attached it has not sent it. Try later."
    ),
    MessageCode.BLOB_HASH_MISMATCH: QT_TRANSLATE_NOOP(
        "message", "The file that arrived does not match its SHA-256 ({sha256}); it was not kept."
    ),
    MessageCode.BLOB_OFFSET_AHEAD: QT_TRANSLATE_NOOP(
        "message", "HQ has {have} bytes of this file, not {offset}; the upload continues from HQ's count."
    ),
    MessageCode.BLOB_LARGER_THAN_RECORD: QT_TRANSLATE_NOOP(
        "message", "The file sent is larger than its attachment record says ({size} bytes); refused."
    ),
    MessageCode.BLOB_SENDING: QT_TRANSLATE_NOOP("message", "Sending files: {done} of {total} MB"),
    MessageCode.BLOB_RECEIVING: QT_TRANSLATE_NOOP("message", "Receiving files: {done} of {total} MB"),
    MessageCode.SHARED_CONTENTS_NEED_SERVER_DATABASE: QT_TRANSLATE_NOOP(
        "message",
        "A contents folder shared with the sync server needs the database the server uses (--database URL).",
    ),
    MessageCode.SYNC_FILES_FAILED: QT_TRANSLATE_NOOP(
        "message", "{count} attached file(s) could not be sent or received; the next sync tries again."
    ),
    MessageCode.FILE_UNREADABLE: QT_TRANSLATE_NOOP("message", "{name} cannot be read ({detail})."),
    MessageCode.BUNDLE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "message", "{name} is {size} MB, more than the {limit} MB a bundle may be."
    ),
    MessageCode.BUNDLE_ENCRYPTED_FILE: QT_TRANSLATE_NOOP(
        "message",
        "{name} is an encrypted (password-protected) or old-format Excel file: it is read only through the import, with its password (an old .xls: save it as .xlsx).",
    ),
    MessageCode.BUNDLE_NOT_XLSX_CONTENT: QT_TRANSLATE_NOOP(
        "message", "{name} is not an Excel .xlsx workbook (whatever its name says): refused."
    ),
    MessageCode.BUNDLE_DAMAGED: QT_TRANSLATE_NOOP(
        "message", "{name} is damaged or truncated ({detail}): refused."
    ),
    MessageCode.BUNDLE_ZIP_FEATURE: QT_TRANSLATE_NOOP(
        "message", "{name} is damaged or uses a zip feature bundles never use ({detail})."
    ),
    MessageCode.BUNDLE_TOO_MANY_PARTS: QT_TRANSLATE_NOOP(
        "message", "{name} holds {count} parts, more than a bundle ever has: refused."
    ),
    MessageCode.BUNDLE_ZIP_NOT_EXCEL: QT_TRANSLATE_NOOP(
        "message", "{name} is a zip file but not an Excel workbook: refused."
    ),
    MessageCode.BUNDLE_ENCRYPTED_PARTS: QT_TRANSLATE_NOOP("message", "{name} has encrypted parts: refused."),
    MessageCode.BUNDLE_UNSAFE_NAME: QT_TRANSLATE_NOOP(
        "message", "{name} has a part with an unsafe name (“{part}”): refused."
    ),
    MessageCode.BUNDLE_ACTIVE_CONTENT: QT_TRANSLATE_NOOP(
        "message",
        "{name} contains macros, controls or external links ({part}): refused. Bundles never have them.",
    ),
    MessageCode.BUNDLE_ZIP_BOMB_RATIO: QT_TRANSLATE_NOOP(
        "message", "{name} expands {ratio}-fold ({part}): refused as a zip bomb."
    ),
    MessageCode.BUNDLE_ZIP_BOMB_TOTAL: QT_TRANSLATE_NOOP(
        "message",
        "{name} would expand to {size} MB, more than the {limit} MB allowed: refused as a zip bomb.",
    ),
    MessageCode.BUNDLE_OVERSIZED_PART: QT_TRANSLATE_NOOP(
        "message", "{name} has an oversized {part}: refused."
    ),
    MessageCode.BUNDLE_XML_ENTITIES: QT_TRANSLATE_NOOP(
        "message", "{name} declares XML entities in {part} (an entity-expansion attack): refused."
    ),
    MessageCode.BUNDLE_UNREADABLE_PART: QT_TRANSLATE_NOOP(
        "message", "{name} has an unreadable {part} ({detail}): refused."
    ),
    MessageCode.BUNDLE_MACRO_WORKBOOK: QT_TRANSLATE_NOOP(
        "message", "{name} is a macro-enabled workbook: refused. Bundles never carry macros."
    ),
    MessageCode.BUNDLE_ZIP_BOMB: QT_TRANSLATE_NOOP(
        "message", "{name} expands beyond the allowed size: refused as a zip bomb."
    ),
    MessageCode.BUNDLE_TOO_MANY_ROWS: QT_TRANSLATE_NOOP(
        "message", "{name}: a sheet ({part}) has more than {max} rows, more than a bundle may hold: refused."
    ),
    MessageCode.BUNDLE_TOO_MANY_CELLS: QT_TRANSLATE_NOOP(
        "message", "{name} has more than {max} cells, more than a bundle may hold: refused."
    ),
    MessageCode.BUNDLE_NOT_READABLE_WORKBOOK: QT_TRANSLATE_NOOP(
        "message", "{name} cannot be read as a workbook ({detail}): refused."
    ),
    MessageCode.BUNDLE_NOT_MANIFEST: QT_TRANSLATE_NOOP(
        "message", "The workbook's manifest is not a MissionDesk bundle manifest: refused."
    ),
    MessageCode.BUNDLE_WRONG_KIND: QT_TRANSLATE_NOOP(
        "message", "This is not a {kind} file (it is “{found}”)."
    ),
    MessageCode.BUNDLE_CREATED_NOT_TIME: QT_TRANSLATE_NOOP(
        "message", "The manifest's creation time is not a date and time (“{text}”): refused."
    ),
    MessageCode.BUNDLE_OP_INVALID: QT_TRANSLATE_NOOP(
        "message", "Row {row} of the ops sheet is not a valid op ({detail}): refused."
    ),
    MessageCode.BUNDLE_SEQ_TWICE: QT_TRANSLATE_NOOP(
        "message", "Sequence number {seq} appears twice in this bundle: refused."
    ),
    MessageCode.BUNDLE_OP_OTHER_DEVICE: QT_TRANSLATE_NOOP(
        "message", "Row {row} of the ops sheet was made by another device: refused."
    ),
    MessageCode.BUNDLE_OP_SCHEMA_NEWER: QT_TRANSLATE_NOOP(
        "message", "Row {row} of the ops sheet has a newer schema than its manifest: refused."
    ),
    MessageCode.BUNDLE_OP_COUNT: QT_TRANSLATE_NOOP(
        "message", "The bundle holds {count} ops but its manifest says {expected}: refused."
    ),
    MessageCode.BUNDLE_SEQ_RANGE: QT_TRANSLATE_NOOP(
        "message", "The ops' sequence numbers do not match the manifest's range: refused."
    ),
    MessageCode.BUNDLE_ROW_NOT_JSON: QT_TRANSLATE_NOOP(
        "message", "Row {row} of the {sheet} sheet is not valid JSON: refused."
    ),
    MessageCode.BUNDLE_ROW_NOT_RECORD: QT_TRANSLATE_NOOP(
        "message", "Row {row} of the {sheet} sheet is not a record: refused."
    ),
    MessageCode.BUNDLE_CELL_EDITED: QT_TRANSLATE_NOOP(
        "message", "Sheet {sheet}, row {row}, column {column}: {detail}. Refused; nothing was applied."
    ),
    MessageCode.BUNDLE_PASSWORD_SHORT: QT_TRANSLATE_NOOP(
        "message", "A bundle password needs at least {min} characters."
    ),
    MessageCode.PASSWORD_FILE_UNREADABLE: QT_TRANSLATE_NOOP(
        "message", "The password file {name} cannot be read ({detail})."
    ),
    MessageCode.PASSWORD_FILE_EMPTY: QT_TRANSLATE_NOOP("message", "The password file {name} is empty."),
    MessageCode.BUNDLE_ALTERED_ENCRYPTED: QT_TRANSLATE_NOOP(
        "message", "{name} was altered after it was encrypted ({detail}): refused."
    ),
    MessageCode.BUNDLE_DAMAGED_ENCRYPTED: QT_TRANSLATE_NOOP(
        "message", "{name} is a damaged encrypted file ({detail}): refused."
    ),
    MessageCode.BUNDLE_DAMAGED_OLE: QT_TRANSLATE_NOOP(
        "message", "{name} is a damaged OLE compound file: refused."
    ),
    MessageCode.BUNDLE_OLD_XLS: QT_TRANSLATE_NOOP(
        "message",
        "{name} is an old-format (.xls) or damaged encrypted Excel file ({detail}): refused. Save it as .xlsx.",
    ),
    MessageCode.BUNDLE_OLD_ENCRYPTION: QT_TRANSLATE_NOOP(
        "message",
        "{name} is an old-format Excel file or uses an old encryption without an integrity check: refused. Save it as .xlsx with a current Excel or LibreOffice.",
    ),
    MessageCode.BUNDLE_KEY_ROUNDS: QT_TRANSLATE_NOOP(
        "message",
        "{name} asks for a key derivation of {rounds} rounds, far more than Excel or LibreOffice use: refused.",
    ),
    MessageCode.BUNDLE_NO_MANIFEST: QT_TRANSLATE_NOOP(
        "message", "{name} has no manifest sheet: it is not a MissionDesk bundle."
    ),
    MessageCode.BUNDLE_SHEET_LOST: QT_TRANSLATE_NOOP(
        "message", "{name} has lost its “{sheet}” sheet: refused."
    ),
    MessageCode.BUNDLE_ROW_EMPTY: QT_TRANSLATE_NOOP(
        "message", "Row {row} of the {sheet} sheet is empty: the file was edited; refused."
    ),
    MessageCode.BUNDLE_ROW_NOT_TEXT: QT_TRANSLATE_NOOP(
        "message",
        "Row {row} of the {sheet} sheet holds a value that is not text: the file was edited; refused.",
    ),
    MessageCode.DEVICE_KEY_UNREADABLE: QT_TRANSLATE_NOOP(
        "message", "The device key {path} cannot be read ({detail})."
    ),
    MessageCode.DEVICE_KEY_NOT_ED25519: QT_TRANSLATE_NOOP("message", "{path} is not an Ed25519 device key."),
    MessageCode.DEVICE_KEY_NOT_OURS: QT_TRANSLATE_NOOP(
        "message", "{path} is not a MissionDesk device key ({detail})."
    ),
    MessageCode.MANIFEST_ITEM_MISSING: QT_TRANSLATE_NOOP("message", "The manifest has no “{item}”: refused."),
    MessageCode.MANIFEST_NOT_NUMBER: QT_TRANSLATE_NOOP(
        "message", "The manifest's {item} is not a number (“{text}”): refused."
    ),
    MessageCode.BUNDLE_PASSWORD_NEEDED: QT_TRANSLATE_NOOP(
        "message", "{name} is protected with a password: give its password."
    ),
    MessageCode.BUNDLE_PASSWORD_WRONG: QT_TRANSLATE_NOOP(
        "message",
        "{name} is protected with a password: the password given does not open it; nothing was read.",
    ),
    MessageCode.READABLE_READER_STOPPED: QT_TRANSLATE_NOOP(
        "message",
        "{name}: its readable sheets could not be read (the reader stopped: out of memory?). Refused; nothing was applied.",
    ),
    MessageCode.READABLE_FAILED: QT_TRANSLATE_NOOP(
        "message", "{name}: its readable sheets could not be read ({detail}). Refused."
    ),
    MessageCode.KEY_CARD_OWN: QT_TRANSLATE_NOOP("message", "That is this device's own key."),
    MessageCode.KEY_CARD_MISSION_AT_LAPTOP: QT_TRANSLATE_NOOP(
        "message", "A mission laptop trusts HQ's key only; mission keys are registered at HQ."
    ),
    MessageCode.KEY_CARD_OTHER_MISSION: QT_TRANSLATE_NOOP(
        "message", "Device {device} is enrolled for {owner}, not {mission}: refused."
    ),
    MessageCode.KEY_CARD_REVOKED: QT_TRANSLATE_NOOP(
        "message",
        "Device {device} ({mission}, {officer}) was revoked by HQ. To take it back and accept its bundles again, confirm with --restore.",
    ),
    MessageCode.KEY_CARD_OTHER_KEY: QT_TRANSLATE_NOOP(
        "message",
        "Device {device} already has another key registered. If the laptop was set up again, confirm with --replace.",
    ),
    MessageCode.DEMO_AT_HQ: QT_TRANSLATE_NOOP(
        "message", "Demo data is made for a mission laptop, not for the HQ install."
    ),
    MessageCode.DEMO_COUNT: QT_TRANSLATE_NOOP("message", "Ask for between 0 and 1,000,000 demo cases."),
    MessageCode.CREDENTIAL_FILE_UNREADABLE: QT_TRANSLATE_NOOP(
        "message", "{file} cannot be read ({detail}); enrol this laptop again."
    ),
    MessageCode.KEY_FILE_UNREADABLE: QT_TRANSLATE_NOOP(
        "message",
        "{file} cannot be read ({detail}); restore the data folder from a backup together with its key.",
    ),
    MessageCode.SETTINGS_UNREADABLE: QT_TRANSLATE_NOOP(
        "message", "{file} cannot be read ({detail}); fix or remove it."
    ),
    MessageCode.FOLDER_NOT_SET_UP: QT_TRANSLATE_NOOP(
        "message", "{folder} is not set up yet. Run 'missiondesk init --mission CODE --officer NAME'."
    ),
    MessageCode.COUNTING_STOPPED: QT_TRANSLATE_NOOP("message", "Counting stopped."),
    MessageCode.MAPPING_NAME_NEEDED: QT_TRANSLATE_NOOP("message", "Give the mapping a name."),
    MessageCode.SYNONYM_NOT_A_VALUE: QT_TRANSLATE_NOOP("message", "“{value}” is not a value of {column}."),
    MessageCode.SYNONYM_EMPTY: QT_TRANSLATE_NOOP("message", "The text to recognise is empty."),
    MessageCode.TABLE_KIND_UNREAD: QT_TRANSLATE_NOOP(
        "message", "{name}: MissionDesk reads .xlsx, .xls and .csv tables, not this kind of file."
    ),
    MessageCode.ATTACHMENT_LIMIT_HQ_ONLY: QT_TRANSLATE_NOOP(
        "message", "Only HQ sets the limit on attached files; laptops take it from HQ when they sync."
    ),
    MessageCode.ATTACHMENT_LIMIT_TOO_SMALL: QT_TRANSLATE_NOOP(
        "message", "The limit on an attached file must be at least 1 MB."
    ),
    MessageCode.TABLE_NO_SHEET: QT_TRANSLATE_NOOP("message", "{name} has no sheet."),
    MessageCode.TABLE_SHEET_MISSING: QT_TRANSLATE_NOOP(
        "message", "{name} has no sheet “{sheet}”; it has {sheets}."
    ),
    MessageCode.TABLE_TOO_LARGE: QT_TRANSLATE_NOOP("message", "{name} is larger than {limit} MB: refused."),
    MessageCode.TABLE_TOO_MANY_ROWS: QT_TRANSLATE_NOOP(
        "message",
        "{name}: the sheet “{sheet}” has {rows} rows, more than the {max} a table may have: refused. "
        "Split it into sheets of at most {max} rows and import each.",
    ),
    MessageCode.TABLE_NOT_XLS: QT_TRANSLATE_NOOP(
        "message", "{name} is not an Excel 97-2003 workbook, whatever its name says: refused."
    ),
    MessageCode.TABLE_MACROS: QT_TRANSLATE_NOOP(
        "message", "{name} contains macros: refused. Save the sheet without macros (.xlsx) and import that."
    ),
    MessageCode.TABLE_NOT_TEXT: QT_TRANSLATE_NOOP(
        "message",
        "{name} is neither UTF-8 nor Korean (CP949/EUC-KR) text: save it as CSV UTF-8 and try again.",
    ),
    MessageCode.TABLE_NO_HEADER: QT_TRANSLATE_NOOP(
        "message", "{name}: no header row was found in the sheet “{sheet}”."
    ),
    MessageCode.MAPPING_UNKNOWN: QT_TRANSLATE_NOOP(
        "message", "There is no saved {kind} mapping named “{mapping}”."
    ),
    MessageCode.TABLE_NO_FIELD: QT_TRANSLATE_NOOP("message", "A {kind} table has no field “{key}”."),
    MessageCode.TABLE_NO_COLUMN_FOR: QT_TRANSLATE_NOOP(
        "message",
        "No column holds the {entity}'s {fields}: map one (--column 'HEADER=FIELD') or save a mapping.",
    ),
    MessageCode.TABLE_OTHER_MISSION: QT_TRANSLATE_NOOP(
        "message", "This laptop keeps {owner}'s records, not {mission}'s."
    ),
    MessageCode.NO_MISSION: QT_TRANSLATE_NOOP("message", "There is no mission {mission}."),
}


# Validation problems by code (``domain.validation.ProblemCode``); {field} is the field's name in the
# reader's language. The record form, the import wizard and the errors workbook all say them from here.
PROBLEMS: dict[str, str] = {
    ProblemCode.UNKNOWN_FIELD: QT_TRANSLATE_NOOP("problem", "This kind of record has no field {field}."),
    ProblemCode.NOT_A_DATE: QT_TRANSLATE_NOOP("problem", "Enter a date as YYYY-MM-DD."),
    ProblemCode.NOT_ALLOWED: QT_TRANSLATE_NOOP("problem", "“{value}” is not one of the choices."),
    ProblemCode.NOT_A_WHOLE_NUMBER: QT_TRANSLATE_NOOP("problem", "Enter a whole number."),
    ProblemCode.NOT_TRUE_OR_FALSE: QT_TRANSLATE_NOOP("problem", "Expected yes or no."),
    ProblemCode.NOT_A_LIST: QT_TRANSLATE_NOOP("problem", "Expected a list of codes."),
    ProblemCode.NOT_TEXT: QT_TRANSLATE_NOOP("problem", "Expected text."),
    ProblemCode.TOO_LONG: QT_TRANSLATE_NOOP("problem", "{field} is longer than {max} characters."),
    ProblemCode.TOO_LARGE: QT_TRANSLATE_NOOP("problem", "{field} is too large."),
    ProblemCode.BAD_LIST: QT_TRANSLATE_NOOP(
        "problem", "{field} holds too many values, or one that is too long or not plain text."
    ),
    ProblemCode.REQUIRED: QT_TRANSLATE_NOOP("problem", "{field} is required."),
    ProblemCode.NEGATIVE: QT_TRANSLATE_NOOP("problem", "{field} cannot be negative."),
    ProblemCode.RESOLVED_BEFORE_RECEIVED: QT_TRANSLATE_NOOP(
        "problem", "The resolution date is before the case was received."
    ),
    ProblemCode.CLOSED_NEEDS: QT_TRANSLATE_NOOP("problem", "A closed case needs {field}."),
    ProblemCode.PENDING_NEEDS_WHOM: QT_TRANSLATE_NOOP("problem", "Say whom the case is pending on."),
    ProblemCode.SELF_DUPLICATE: QT_TRANSLATE_NOOP("problem", "A case cannot duplicate itself."),
    ProblemCode.HELD_NEEDS_DATE: QT_TRANSLATE_NOOP("problem", "A held meeting needs its date."),
    ProblemCode.YEAR_RANGE: QT_TRANSLATE_NOOP("problem", "{field} must be between {low} and {high}."),
    ProblemCode.DATE_NOT_IN_YEAR: QT_TRANSLATE_NOOP("problem", "The date is not in {year}."),
    ProblemCode.NUMBER_FROM_ONE: QT_TRANSLATE_NOOP("problem", "Meetings are numbered from 1."),
    ProblemCode.VALID_BEFORE_WRITTEN: QT_TRANSLATE_NOOP(
        "problem", "Valid until is before the brief was written."
    ),
    ProblemCode.COMPLETED_BEFORE_REQUESTED: QT_TRANSLATE_NOOP(
        "problem", "Completed before it was requested."
    ),
    ProblemCode.DONE_NEEDS_DATE: QT_TRANSLATE_NOOP("problem", "A done task needs the date it was done."),
    ProblemCode.BRN_FORMAT: QT_TRANSLATE_NOOP(
        "problem", "A business registration number has 10 digits (123-45-67890)."
    ),
    ProblemCode.EMAIL_FORMAT: QT_TRANSLATE_NOOP("problem", "This is not an email address."),
    ProblemCode.ATTENDANCE_NEEDS_WHO: QT_TRANSLATE_NOOP(
        "problem", "Name the partner institution or the foreign authority that attended."
    ),
    ProblemCode.ONE_PARENT: QT_TRANSLATE_NOOP(
        "problem", "An attachment belongs to exactly one case, activity, brief, meeting or proposal."
    ),
    ProblemCode.NOT_A_HASH: QT_TRANSLATE_NOOP("problem", "A SHA-256 is 64 lower-case hexadecimal digits."),
    ProblemCode.NUMBER_TAKEN: QT_TRANSLATE_NOOP(
        "problem", "Meeting {year}-{number} already exists; choose another number."
    ),
}


class Words:
    """How parameters read in a language; this one is English (the CLI, the server, logs)."""

    def entity(self, name: str) -> str:
        return entity(name).label_en.lower() if is_entity(name) else name

    def field(self, entity_name: str, name: str) -> str:
        return name.replace("_", " ")  # close to what the CLI takes (--set resolution_date=…)

    def value(self, value: str) -> str:
        return value  # as the CLI takes it (--to in_progress)

    def step(self, name: str) -> str:
        """A workflow step (``close the case``)."""
        return name


def render(template: str, params: Mapping[str, Any], words: Words) -> str:
    """A template filled in with its parameters as ``words`` name them.

    A parameter the template names but the message lacks (an older sender's) raises KeyError."""
    owner_entity = str(params.get("entity", ""))
    one: dict[str, Callable[[Any], str]] = {
        "entity": lambda v: words.entity(str(v)),
        "target": lambda v: words.entity(str(v)),
        "field": lambda v: words.field(owner_entity, str(v)),
        "value": lambda v: words.value(str(v)),
        "source": lambda v: words.value(str(v)),
        "step": lambda v: words.step(str(v)),
    }
    filled: dict[str, str] = {}
    for key, value in params.items():
        if key in one:
            filled[key] = one[key](value)
        elif key == "fields":
            filled[key] = ", ".join(words.field(owner_entity, str(v)) for v in value)
        elif key == "values":
            filled[key] = ", ".join(words.value(str(v)) for v in value)
        else:
            filled[key] = str(value)
    return template.format(**filled)


class Said(str):
    """A sentence of the core: the English text, which also keeps its code and parameters."""

    code: str
    params: Mapping[str, Any]

    def __new__(cls, code: str, params: Mapping[str, Any], text: str) -> Self:
        made = super().__new__(cls, text)
        made.code = code
        made.params = dict(params)
        return made

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return (str, (str(self),))  # a copy elsewhere is the text


def say(code: MessageCode, **params: Any) -> Said:
    """The sentence for ``code`` in English, keeping its code and parameters (JSON values only)."""
    return Said(code.value, params, render(ENGLISH[code], params, Words()))


def heard(code: object, params: object, text: str) -> str:
    """What another side said (a server's answer): its text, with its code and parameters kept when
    they are well formed; a stored ``code: sentence`` keeps its code; an older bare text stays text."""
    if isinstance(code, str) and code and isinstance(params, Mapping):
        return Said(code, params, text)
    return stored_reason(text)


# The codes whose text keeps the code at its head (``code: sentence``): permission refusals, which
# receipts and older laptops have always read that way (``permissions.refusal_code``).
CODE_LED: frozenset[MessageCode] = frozenset(
    {
        MessageCode.REFERENCE_FOREIGN,
        MessageCode.REFERENCE_OUT_OF_SCOPE,
        MessageCode.AUTHORITY_MADE,
        MessageCode.DECISION_ONLY,
        MessageCode.OWNED_ELSEWHERE,
        MessageCode.MISSION_RECORD,
        MessageCode.REVIEW_FIELDS_ONLY,
        MessageCode.REFERENCE_DATA,
        MessageCode.HQ_REVIEW_FIELDS,
    }
)


def stored_reason(reason: str | None) -> str:
    """A reason read back from a receipt: ``code: sentence`` of a code here becomes the sentence that
    keeps its code (its parameters were not stored; a refusal keeps its code at the head of its text,
    as it was sent); an older bare text stays."""
    text = reason or ""
    head, sep, rest = text.partition(": ")
    if sep and head in MessageCode.__members__.values():
        return Said(head, {}, text if head in CODE_LED else rest)
    return text


def as_reason(said: str) -> str:
    """The text a receipt keeps for a refusal or sentence of the core: its code first, when it has one."""
    code = getattr(said, "code", "")
    if code and not str(said).startswith(f"{code}: "):
        return f"{code}: {said}"
    return str(said)


def said_by(exc: BaseException) -> str:
    """An error's sentence, keeping the code and parameters the core (or HQ's server) gave it."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, str) else str(exc)


class KoreanWords(Words):
    """Parameters as the Korean catalogue names them, for words written outside the window."""

    def entity(self, name: str) -> str:
        return entity(name).label_ko or entity(name).label_en if is_entity(name) else name

    def field(self, entity_name: str, name: str) -> str:
        if is_entity(entity_name) and entity(entity_name).has_field(name):
            f = entity(entity_name).field(name)
            return f.label_ko or f.label_en
        return name

    def value(self, value: str) -> str:
        return value_names(value)[0]

    def step(self, name: str) -> str:
        return catalogue.translate("workflow", name[:1].upper() + name[1:], "ko")


def said_in(said: str, language: str) -> str:
    """A sentence of the core in ``language`` ("ko" or "en") without Qt (the CLI, workbooks): its
    template from the catalogue when it carries a known code, else the text as it was said."""
    code = str(getattr(said, "code", ""))
    if language == "en" or code not in ENGLISH:
        return str(said)
    template = catalogue.translate(CONTEXT, ENGLISH[MessageCode(code)], language)
    try:
        return render(template, getattr(said, "params", {}), KoreanWords())
    except (KeyError, IndexError):
        return str(said)


class Speaker:
    """Who says a template in one language: ``look_up`` finds a template in the catalogue, ``said`` words a
    sentence of the core. The window is a speaker too (``ui.labels``), through Qt's translator."""

    def __init__(self, language: str = "en") -> None:
        if language not in catalogue.LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.language = language

    @property
    def korean(self) -> bool:
        return self.language == "ko"

    def look_up(self, context: str, text: str) -> str:
        return catalogue.translate(context, text, self.language)

    def said(self, said: str) -> str:
        return said_in(said, self.language)
