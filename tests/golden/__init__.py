"""Golden files of the audit reports, and the database they are made from."""
