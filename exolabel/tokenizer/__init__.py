"""Stage 1, the tokenizer: raw label text -> ordered ingredients. Pure: no I/O.

``prepare`` normalizes Unicode and scraping noise with a map back to the input; ``mask`` blanks the regions that
are not ingredients (headers, footnotes, may-contain lists); ``cut`` finds the separators; ``piece`` parses one
piece into a name, an amount and markers; ``amount`` reads concentrations; ``names`` holds the name keys that the
lexicon and the rule lists share. ``core.Tokenizer`` ties them together.
"""
