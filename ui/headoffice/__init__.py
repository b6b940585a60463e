"""The head-office view (issue 19): project picker, cross-project overview, statistics."""
