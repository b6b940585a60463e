"""The bundle's self-test (``--smoke``) run from the source tree, so a change that breaks it
fails the suite and not only the packaging step of CI."""

from __future__ import annotations

import pytest

from ui import smoke


def test_the_smoke_test_passes_from_source(qapp: object, qsettings_isolated: None,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert smoke.run_smoke() == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert '"usb_import": "2 new, 1 rejected"' in out
