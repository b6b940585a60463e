"""Excel and PDF documents (openpyxl, ReportLab): data in, file out, no database."""
