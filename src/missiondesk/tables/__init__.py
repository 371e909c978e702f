"""Person-made tables (legacy .xlsx, .xls and .csv files): read, find the header, map columns, read values.

This package sits beside ``reports`` above ``bundles`` (whose hostile-file checks it reuses) and imports
neither Qt nor the store: ``services/table_import.py`` is the use case over it.
"""
