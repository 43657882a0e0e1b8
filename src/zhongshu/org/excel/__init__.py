"""Excel import and export of units and people (openpyxl)."""
