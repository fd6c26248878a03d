"""An uploaded file read by its content: XLIFF when it starts with a tag, PO otherwise."""

from __future__ import annotations

from translator.exchange.po import read_po
from translator.exchange.upload import Upload
from translator.exchange.xliff import read_xliff


def read_upload(data: bytes, name: str) -> Upload:
    """Parse an uploaded PO or XLIFF (1.2 or 2.0) file, whatever its name says.

    :raises UploadError: the file cannot be read as either (the reason names the line).
    """
    head = data[:400].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return read_xliff(data, name)
    return read_po(data, name)
