"""Ingest: uploaded bytes → addressed cells → typed values and tables.

Owns reading and interpreting spreadsheets; never builds the model (load.py does).
"""
