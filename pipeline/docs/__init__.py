"""Documentation made from the database itself: the data dictionary and its diagram."""
