"""The data every part of the review UI shares, with no Flask in it.

What it owns:

- ``catalogs``: the catalog and source-document cache (parsed once per file version, a bounded
  ``lru`` per process), saves by
  read-modify-write under the catalog's lock with version checks, and a :class:`Workspace`
  (one document in one language as a request opened it);
- ``changes``: what a person's save, approval, join, revert or dismissal does to a catalog,
  with the role checks and the audit row written under the lock;
- ``editing``: those changes as plain functions on polib entries;
- ``entries``: what the editor shows about an entry (state, provenance, context, filters);
- ``assist``: help beside a sentence (translation memory, glossary, machine translation, checks);
- ``database``: the review database (schema, connection, audit log, comments, positions);
- ``people``: accounts, roles and login attempts in that database;
- ``tokens``, ``jobs``, ``webhooks``: what the REST API keeps there (tokens and their rate
  buckets, build jobs, hooks with their queue of deliveries and every attempt).

Nothing here imports ``flask`` or ``flask_login``: the blueprints pass in what a function needs
(the store, a database connection, the person) and turn :class:`~.catalogs.Refused`,
:class:`~.catalogs.Conflict` and :class:`~.catalogs.StorageError` into answers.
"""
