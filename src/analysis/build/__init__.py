"""Build: executing the notebooks and publishing the book.

book runs the notebooks with papermill in warm kernels (kernels) and the site with a warm
Sphinx (sphinx_runner); freshness skips what has not changed; publish swaps book/ and the
site in one step that either happened or did not; cli is the typer command line behind
`python -m analysis`. Everything below it knows nothing of how it is run.
"""
