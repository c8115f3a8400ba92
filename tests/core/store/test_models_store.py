"""The models a project learnt: kept as bytes with what they are, the newest in use."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewer.core.store import SCHEMA_VERSION, Store

DATA = Path(__file__).resolve().parents[2] / "data" / "projects"


def test_a_model_is_kept_and_read_back(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        assert store.models.latest("learned") is None
        model_id = store.models.save("learned", b"\x00model bytes", [3, 1, 2],
                                     {"format": "reviewer-model", "figures": {"title": 0.8}})
        got = store.models.latest("learned")
        assert got is not None
        assert got.id == model_id and got.data == b"\x00model bytes"
        assert got.postings == 3 and got.info["figures"] == {"title": 0.8}
        assert store.models.learnt_from(model_id) == [3, 1, 2]
    with Store(tmp_path / "p.db") as again:  # in the file, not only in memory
        stored = again.models.latest("learned")
        assert stored is not None and stored.data == b"\x00model bytes"


def test_a_new_model_replaces_the_old_ones_of_its_kind(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        first = store.models.save("learned", b"one", [1], {})
        store.models.save("other", b"kept", [1], {})
        second = store.models.save("learned", b"two", [1, 2], {})
        latest = store.models.latest("learned")
        assert latest is not None and latest.id == second and latest.data == b"two"
        assert store.models.learnt_from(first) == []  # dropped
        other = store.models.latest("other")
        assert other is not None and other.data == b"kept"
        assert store.models.drop("learned") == 1
        assert store.models.latest("learned") is None


def test_a_damaged_info_reads_as_empty(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        model_id = store.models.save("learned", b"x", [], {})
        store.db.execute("UPDATE models SET info = 'not json' WHERE id = ?", (model_id,))
        latest = store.models.latest("learned")
        assert latest is not None and latest.info == {}


def test_the_schema_has_the_models_step(tmp_path: Path) -> None:
    with Store(tmp_path / "p.db") as store:
        assert store.schema_version() == SCHEMA_VERSION == 7


def test_a_version_6_project_migrates_with_no_models(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(DATA / "v6.db", path)
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.models.latest("learned") is None
        assert store.records.get(1)["machine"]["title"]["value"]
        assert (tmp_path / "old.db.v6.bak").exists()
