"""Make Your Case: the domain package.

Owns import, validation, the story model, metrics, narrative, charts and exports.
Never imports streamlit outside ``advocacy.app``.
"""

__version__ = "0.1.0"
