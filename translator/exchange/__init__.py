"""Files translators and memories travel in: PO and XLIFF exports of a catalog, uploads
merged back entry by entry against the exported base, and TMX memories.

- :mod:`.snapshot`: entry ids, content fingerprints and the base an export carries;
- :mod:`.po`, :mod:`.xliff`: the formats (XLIFF 1.2 and 2.0 through Translate Toolkit);
- :mod:`.upload`: an uploaded file in one shape, and its checks;
- :mod:`.merge`: the three-way rule and the merge of an upload into a catalog;
- :mod:`.files`: exports and merges by language and document, a language as a zip;
- :mod:`.tmx`: TMX 1.4 memories written and read through Translate Toolkit.
"""

from translator.exchange.files import (
    EXPORT_FORMATS,
    ExportFormat,
    export_catalog,
    export_format,
    export_language,
    export_name,
    merge_into_catalog,
    read_export,
)
from translator.exchange.merge import (
    Decision,
    EntryConflict,
    MergeReport,
    apply_proposal,
    decide,
    merge_upload,
)
from translator.exchange.reading import read_upload
from translator.exchange.snapshot import ExportBase, Proposal, entry_id, entry_proposal
from translator.exchange.upload import Upload, UploadError, check_upload

__all__ = [
    "EXPORT_FORMATS",
    "Decision",
    "EntryConflict",
    "ExportBase",
    "ExportFormat",
    "MergeReport",
    "Proposal",
    "Upload",
    "UploadError",
    "apply_proposal",
    "check_upload",
    "decide",
    "entry_id",
    "entry_proposal",
    "export_catalog",
    "export_format",
    "export_language",
    "export_name",
    "merge_into_catalog",
    "merge_upload",
    "read_export",
    "read_upload",
]
