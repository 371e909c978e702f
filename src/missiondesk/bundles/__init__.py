"""Excel bundles: the mission's outbox ops in a signed workbook, and HQ's signed acknowledgement.

Qt-free and store-free: this package turns ops, records and results into
workbooks and back, checks hostile files before any parser sees them, and
signs and verifies. The use cases that read and write the database are in
``services/bundle_export.py``, ``services/bundle_import.py`` and
``services/device_keys.py``. The format is described in ``docs/bundle-format.md``.
"""
