"""The legislative knowledge base (issue 3).

- ``models``: Work → Expression (a dated version) → Provision (eId tree); SourceFile; Relation
  (typed, dated, provision-scoped edges); ImportJob (background OCR).
- ``permissions``: the reading rule — ``readable_works``, ``access_work``, ``access_provision``.
- ``services``: every write (``work_create``, ``expression_create``, ``relation_create`` …,
  ``demo_documents_load``); ``selectors``: every read (point in time, status, diff, reader).
- ``ingest``: JSONL (own export and bench corpus), TXT / DOCX / PDF folders, OCR, exports.
- ``parsing``: pure-Python Vietnamese legal text parsers (structure, numbers, citations, header).
- ``api`` (``/api/v1/documents/``), ``views`` + ``urls`` (``/documents/``), ``tasks``,
  ``management/commands/documents.py`` (``nghitruong documents import|export|demo``).
"""
