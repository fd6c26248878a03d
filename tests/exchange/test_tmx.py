"""TMX memories: our export read back, and a file written as OmegaT writes its project
memory (TMX 1.1, upper-case language tags, creation and change attributes)."""

from __future__ import annotations

import pytest
from translate.storage import tmx

from translator.exchange import UploadError
from translator.exchange.tmx import MemoryUnit, read_tmx, write_tmx

OMEGAT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
      creationtoolversion="6.0.1_0_1b8f5e3c" segtype="sentence" srclang="EN-US"/>
  <body>
    <tu>
      <tuv lang="EN-US">
        <seg>Workers of all countries, unite!</seg>
      </tuv>
      <tuv lang="DE-DE" changeid="anna" changedate="20240102T101010Z" creationid="anna"
          creationdate="20240101T090000Z">
        <seg>Proletarier aller Länder, vereinigt euch!</seg>
      </tuv>
    </tu>
    <tu>
      <tuv lang="EN-US">
        <seg>Only the source.</seg>
      </tuv>
    </tu>
    <tu>
      <tuv lang="EN-US">
        <seg>Stop the war!</seg>
      </tuv>
      <tuv lang="FR-FR">
        <seg>Arrêtez la guerre !</seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""


def test_round_trip_keeps_author_date_and_document():
    units = [
        MemoryUnit("Stop the war!", "Stoppt den Krieg!", "rita", "2024-05-01 12:30:00", "sample"),
        MemoryUnit("Peace now.", "Frieden jetzt."),
    ]
    data = write_tmx(units, "en", "de")
    store = tmx.tmxfile.parsestring(data)  # Translate Toolkit reads it as any TMX
    assert store.translate("Stop the war!") == "Stoppt den Krieg!"
    assert b'creationdate="20240501T123000Z"' in data and b'creationid="rita"' in data
    back = read_tmx(data, "de.tmx", "en", "de")
    assert back.units == units and back.problems == [] and back.tool == "translator"


def test_an_omegat_memory():
    found = read_tmx(OMEGAT.encode(), "project_save.tmx", "en", "de")
    assert found.tool == "OmegaT"
    assert found.units == [
        MemoryUnit(
            "Workers of all countries, unite!",
            "Proletarier aller Länder, vereinigt euch!",
            "anna",
            "2024-01-01 09:00:00",
        )
    ]
    assert len(found.problems) == 2
    assert found.problems[0].startswith("project_save.tmx:16: unit 2: no de text")
    assert "has EN-US, FR-FR" in found.problems[1]


def test_region_codes_match_only_their_language():
    data = write_tmx([MemoryUnit("Peace.", "Paz.")], "en", "pt_BR")
    assert read_tmx(data, "m.tmx", "en", "pt_BR").units
    assert not read_tmx(data, "m.tmx", "en", "pt_PT").units
    assert read_tmx(data, "m.tmx", "en", "pt").units, "a pt catalog takes Brazilian memory"


def test_broken_tmx_names_the_line():
    with pytest.raises(UploadError) as caught:
        read_tmx(
            OMEGAT.replace("</seg>\n      </tuv>\n    </tu>", "", 1).encode(), "m.tmx", "en", "de"
        )
    assert caught.value.problems[0].startswith("m.tmx:")
    assert "not well-formed XML" in caught.value.problems[0]
