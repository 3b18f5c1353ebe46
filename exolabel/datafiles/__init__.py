"""Data files: safe loading and strict validation (``load``) and the on-disk cache of compiled data (``cache``)."""
