"""Assess: each target compared with its evidence.

targets decides the evidence tier (projection, progress measure, proxy, single figure, none)
and the status with its probability or rate ratio; headline reads the CO2 peak on each
source; verdict_text and fmt put reasons and numbers into words in both languages; parameters
bounds the settings an analyst may change; precomputed keeps one build's assessment for
every page. Uses the data and forecast layers, never the pages.
"""
