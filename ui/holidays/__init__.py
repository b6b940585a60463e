"""Holiday calendar UI (SPEC A7, RULES §1.7): the year grid, manual edits, USB import."""
