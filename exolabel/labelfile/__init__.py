"""Label files: what the user gives us (text, stdin, ``.txt``, YAML/JSON/TOML) and their optional parts."""
