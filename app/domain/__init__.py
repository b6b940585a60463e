"""Pure rules: no I/O, no clock (``today`` is passed in)."""
