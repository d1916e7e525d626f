"""Vale compatibility: Vale styles (YAML rules, .vale.ini, Vocab) loaded or imported as brandlint packs."""
