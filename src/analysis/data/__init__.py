"""Data: the published figures and the plan, from raw files to validated frames.

The importer turns the shared raw tables into `data/` with every row's fate in the import
ledger; schemas, tables and the loader validate what a build reads and name the file, row and
problem of anything wrong; the registry holds the targets, the plan module the plan's actions
and measures; units, periods and derive convert, date and combine figures; overlay lays a
CSV of new figures over data/. Nothing here knows about models, verdicts or pages.
"""
