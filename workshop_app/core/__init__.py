"""The workshop's rules, free of Qt: everything the GUI does, core can do without it."""
