"""Pages: what readers see, generated from the assessment.

chapter and the front-page, method, data and changelog modules write the bilingual text;
figures and interactive draw the static and live charts; notebook is what the parameterised
notebooks call; chapter_analyses and its helpers draw each chapter's own analysis; site is
the Sphinx extension (search, scripts, styles); markup escapes text from data files.
"""
