"""The .docx writer: document blocks laid out to GB/T 9704-2012, and its raw-XML helpers."""
