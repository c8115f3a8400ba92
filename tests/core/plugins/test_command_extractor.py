"""A command as an extractor: JSON lines in and out, every failure said in a line and
costing only its own postings' readings."""

from __future__ import annotations

import copy
import json
import sys
import time
from pathlib import Path

import pytest
from plugin_kit import TEXT, command, posting

from reviewer.core.plugins import ExtractorError, load_extractor
from reviewer.core.plugins import command as command_module

ANSWER = """
for p in reversed(postings):  # any order: matched by id
    print(json.dumps({"id": p["id"], "fields": {
        "title": {"value": "Senior Data Engineer", "spans": [[11, 24]], "confidence": 0.97},
        "seniority": {"value": "Senior", "confidence": 0.8},
        "company": {"value": "Someone Else", "confidence": 0.1},
        "bogus": {"value": 1}}}))
"""


def test_a_command_gives_suggestions_of_its_own_stage(tmp_path: Path) -> None:
    run = load_extractor(command(tmp_path, ANSWER))
    items = [posting(key="p1", source="a.txt"),
             posting(TEXT.replace("Leeds", "York"), key="p2", source="b.txt")]
    run.apply(items)
    for _posting, ext in items:
        assert (ext.fields["title"], ext.stages["title"]) == ("Senior Data Engineer", "command")
        assert ext.evidence["title"] == [(11, 24)]  # "Data Engineer"
        assert [(a.value, a.stage) for a in ext.alternatives["title"]] == [
            ("Data Engineer", "label")]  # the rules' value, to pick instead
        assert (ext.fields["seniority"], ext.stages["seniority"]) == ("senior", "command")
        # less sure than the rules: theirs stays, the command's is the alternative
        assert (ext.fields["company"], ext.stages["company"]) == ("Acme Analytics", "label")
        assert [(a.value, a.stage) for a in ext.alternatives["company"]] == [
            ("Someone Else", "command")]
    report = run.report
    assert (report.sent, report.answered, report.failed) == (2, 2, 0)
    assert (report.values, report.won) == (6, 4)
    assert report.tally.unknown == {"bogus": 2}
    assert any("bogus 2" in line for line in report.lines())


def test_the_command_reads_each_posting_as_data(tmp_path: Path) -> None:
    seen = tmp_path / "seen.jsonl"
    body = f"""
open({str(seen)!r}, "w").write("".join(json.dumps(p) + "\\n" for p in postings))
for p in postings:
    print(json.dumps({{"id": p["id"], "fields": {{}}}}))
"""
    hostile = "$(touch pwned) `touch pwned2`; rm -rf / \"' \\n\u202e é 😀\n\n" + TEXT
    item = posting(hostile, key="h1", source="evil; rm -rf ~.txt")
    run = load_extractor(command(tmp_path, body))
    run.apply([item])
    sent = json.loads(seen.read_text(encoding="utf-8"))
    assert sent == {"id": "h1", "source": "evil; rm -rf ~.txt", "markdown": item[0].markdown,
                    "fields": item[0].fields}
    assert "$(touch pwned)" in sent["markdown"] and "😀" in sent["markdown"]
    assert not list(Path.cwd().glob("pwned*")) and not list(tmp_path.glob("pwned*"))
    assert run.report.failed == 0


@pytest.mark.parametrize(("body", "said"), [
    ("sys.stderr.write('model not found\\n'); sys.exit(3)",
     "exited with status 3 on 2 postings from a.txt on: model not found"),
    ("time.sleep(30)", "ran over 1 s on 2 postings from a.txt on and was stopped"),
], ids=["exit-status", "timeout"])
def test_a_failed_batch_keeps_the_rules_values(tmp_path: Path, body: str, said: str) -> None:
    run = load_extractor(command(tmp_path, body), timeout=0.5)
    items = [posting(key="p1", source="a.txt"), posting(key="p2", source="b.txt")]
    before = copy.deepcopy([ext for _, ext in items])
    run.apply(items)
    assert [ext for _, ext in items] == before
    assert run.report.failed == 2 and run.report.answered == 0
    assert len(run.report.errors) == 1
    assert said in run.report.errors[0] and "extractor.py" in run.report.errors[0]
    assert any("keep the rules' values" in line for line in run.report.lines())


def test_a_command_stopped_for_its_time_stops_what_it_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    body = f"""
import subprocess
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
open({str(pid_file)!r}, "w").write(str(child.pid))
time.sleep(60)
"""
    run = load_extractor(command(tmp_path, body), timeout=1.0)
    run.apply([posting()])
    assert "was stopped" in run.report.errors[0]
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status  # a zombie has ended


def test_a_command_that_reads_nothing_is_fine(tmp_path: Path) -> None:
    script = tmp_path / "deaf.py"
    script.write_text("print('{}')\n", encoding="utf-8")
    run = load_extractor(f"{sys.executable} {script}")
    run.apply([posting(TEXT * 2000, key=f"p{n}") for n in range(5)])  # more than a pipe holds
    assert run.report.failed == 5 and "gave no answer" in run.report.errors[0]


def test_garbage_and_missing_answers_cost_their_postings_alone(tmp_path: Path) -> None:
    body = """
print("loading the model…")
print("{not json")
print(json.dumps({"id": "someone else", "fields": {}}))
print(json.dumps(["p1"]))
print("[" * 100000 + "]" * 100000)
first = postings[0]
print(json.dumps({"id": first["id"], "fields": {"title": {"value": "Lead", "confidence": 1}}}))
"""  # an answer for the first posting only
    run = load_extractor(command(tmp_path, body))
    items = [posting(key="p1", source="a.txt"), posting(key="p2", source="b.txt"),
             posting(key="p3", source="c.txt")]
    before = copy.deepcopy(items[1][1])
    run.apply(items)
    assert items[0][1].fields["title"] == "Lead"
    assert items[1][1] == before
    report = run.report
    assert (report.answered, report.failed, report.ignored_lines) == (1, 2, 5)
    assert "gave no answer for b.txt (id p2); line 1 (loading the model…) is no answer" \
        in report.errors[0]
    assert "c.txt" in report.errors[1] and "extractor.py" in report.errors[1]


def test_a_command_failing_batch_after_batch_is_given_up_on(tmp_path: Path) -> None:
    run = load_extractor(command(tmp_path, "sys.exit(1)"), batch=1)
    run.apply([posting(key=f"p{n}", source=f"{n}.txt") for n in range(5)])
    assert (run.report.sent, run.report.failed, run.report.not_asked) == (3, 3, 2)
    assert any("given up after 3 failed batches" in line for line in run.report.lines())


def test_a_good_batch_after_a_bad_one_starts_the_count_again(tmp_path: Path) -> None:
    body = """
if postings[0]["id"] in ("p0", "p1", "p3", "p4"):
    sys.exit(1)
print(json.dumps({"id": postings[0]["id"], "fields": {}}))
"""
    run = load_extractor(command(tmp_path, body), batch=1)
    run.apply([posting(key=f"p{n}", source=f"{n}.txt") for n in range(6)])
    assert (run.report.sent, run.report.failed, run.report.not_asked) == (6, 4, 0)


@pytest.mark.parametrize(("spec", "said"), [
    ("no-such-program-here --flag", "no program 'no-such-program-here' to run"),
    ("'unclosed", "cannot be read as a command"),
    ("   ", "the extractor is empty"),
])
def test_an_extractor_that_is_no_plugin_nor_a_program_is_refused(spec: str, said: str) -> None:
    with pytest.raises(ExtractorError, match=said) as caught:
        load_extractor(spec)
    assert "Traceback" not in str(caught.value)


def test_a_command_is_found_on_the_path_or_by_its_path(tmp_path: Path) -> None:
    assert load_extractor(f"{sys.executable} -c pass").stage == "command"
    assert load_extractor("python3 -c pass").extractor.shown == "command 'python3 -c pass'"


def test_a_command_that_writes_without_end_is_stopped_at_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What it writes is read as it comes and kept within bounds: its answers up to
    ``MAX_OUTPUT`` (past it the batch fails at once, the command stopped), the end of
    what it writes to its standard error (quoted when it fails). Before, all of both
    was kept until the time ran out: gigabytes in seconds."""
    monkeypatch.setattr(command_module, "MAX_OUTPUT", 1 << 20)
    monkeypatch.setattr(command_module, "KEPT_ERRORS", 4096)
    flood = "chunk = 'x' * 65536 + '\\n'\nwhile True:\n    sys.stdout.write(chunk)\n"
    run = load_extractor(command(tmp_path, flood), timeout=30)
    started = time.monotonic()
    run.apply([posting()])
    assert time.monotonic() - started < 10
    assert "wrote over 1 MB" in run.report.errors[0] and "was stopped" in run.report.errors[0]
    chatter = ("for n in range(200000):\n    sys.stderr.write(f'step {n}\\n')\n"
               "sys.stderr.write('the last word\\n'); sys.exit(4)\n")
    kept: list[int] = []
    real = command_module._last_line

    def last_line(stderr: bytes) -> str:
        kept.append(len(stderr))
        return real(stderr)

    monkeypatch.setattr(command_module, "_last_line", last_line)
    run = load_extractor(command(tmp_path, chatter, "chatter.py"), timeout=30)
    run.apply([posting()])
    assert "exited with status 4" in run.report.errors[0]
    assert run.report.errors[0].endswith("the last word")
    assert kept and max(kept) <= 2 * 4096


def test_answers_count_once_the_command_exits_whatever_it_left_running(
        tmp_path: Path) -> None:
    """A command that starts a helper (a model server kept warm) which holds its output
    open: once the command itself has exited with status 0, its answers are read and
    used. Before, the run waited for the helper to close the output until the time ran
    out, then threw the answers away."""
    body = """
import subprocess
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
for p in postings:
    print(json.dumps({"id": p["id"], "fields": {"title": {"value": "Kept Title",
                                                           "confidence": 0.99}}}))
sys.stdout.flush()
"""
    run = load_extractor(command(tmp_path, body), timeout=20)
    item = posting()
    started = time.monotonic()
    run.apply([item])
    assert time.monotonic() - started < 10
    assert run.report.failed == 0 and run.report.answered == 1
    assert item[1].fields["title"] == "Kept Title"


def test_fields_not_in_the_schema_are_named_a_few_and_the_rest_counted(tmp_path: Path) -> None:
    """A command sending 20,000 names of no field made one report line of 190,000
    characters."""
    body = """
for p in postings:
    print(json.dumps({"id": p["id"], "fields": {f"x{n}": {"value": 1} for n in range(5000)}}))
"""
    run = load_extractor(command(tmp_path, body))
    run.apply([posting(key="p1", source="a.txt")])
    [line] = [line for line in run.report.lines() if "not in the schema" in line]
    assert len(line) < 400 and line.endswith("and 4,990 more")


def test_a_file_that_is_no_program_is_refused_before_the_run(tmp_path: Path) -> None:
    """A path to a file this user may not run passed the check; every batch then failed
    with "Permission denied"."""
    data = tmp_path / "notes.txt"
    data.write_text("hello\n", encoding="utf-8")
    with pytest.raises(ExtractorError, match="is not a program this user may run"):
        load_extractor(str(data))


def test_an_answer_holding_a_line_separator_is_one_answer(tmp_path: Path) -> None:
    """JSON writes U+2028, U+2029 and U+0085 unescaped, and the answers were cut there
    (str.splitlines): the answer was lost, "no answer" said."""
    body = """
for p in postings:
    print(json.dumps({"id": p["id"], "fields": {"company": {
        "value": "Acme\\u2028Labs\\u0085GmbH", "confidence": 0.99}}}, ensure_ascii=False))
"""
    run = load_extractor(command(tmp_path, body))
    item = posting()
    run.apply([item])
    assert run.report.failed == 0 and run.report.ignored_lines == 0
    assert item[1].stages["company"] == "command"


def test_a_second_answer_for_a_posting_is_counted_as_ignored(tmp_path: Path) -> None:
    body = """
for p in postings:
    for company in ("First Ltd", "Second Ltd"):
        print(json.dumps({"id": p["id"], "fields": {"company": {
            "value": company, "confidence": 0.99}}}))
"""
    run = load_extractor(command(tmp_path, body))
    item = posting()
    run.apply([item])
    assert item[1].fields["company"] == "First Ltd"
    assert run.report.ignored_lines == 1
    assert any("1 output lines that were no answer ignored" in line
               for line in run.report.lines())


def test_a_reversed_span_is_counted_as_dropped(tmp_path: Path) -> None:
    body = """
for p in postings:
    print(json.dumps({"id": p["id"], "fields": {"title": {
        "value": "Data Engineer", "spans": [[30, 10]], "confidence": 0.99}}}))
"""
    run = load_extractor(command(tmp_path, body))
    run.apply([posting()])
    assert run.report.tally.spans_fixed == 1


def test_a_file_named_twice_is_two_postings_each_answered(tmp_path: Path) -> None:
    """``reviewer extract`` gave a command each posting's path as its id: a file named
    twice was two postings of one id, and the answer to the second was counted as "an
    output line that was no answer". Each has an id of its own."""
    body = """
for p in postings:
    print(json.dumps({"id": p["id"], "fields": {"seniority": {"value": "Senior"}}}))
"""
    item, ext = posting()
    record = {"source": "a.txt", "cleaned": item.markdown, "fields": dict(ext.fields),
              "evidence": {k: [list(s) for s in v] for k, v in ext.evidence.items() if v},
              "confidence": dict(ext.confidence)}
    run = load_extractor(command(tmp_path, body))
    out = list(run.apply_to_records([record, copy.deepcopy(record)]))
    assert [r["fields"]["seniority"] for r in out] == ["senior", "senior"]
    assert run.report.ignored_lines == 0 and run.report.answered == 2


def test_a_value_of_bytes_that_are_not_utf8_is_refused_and_counted(tmp_path: Path) -> None:
    """It became "Caf\ufffd", suggested at 0.99, and the report said nothing."""
    body = """
for p in postings:
    line = json.dumps({"id": p["id"], "fields": {
        "company": {"value": "CafXX", "confidence": 0.99},
        "department": {"value": "Data", "confidence": 0.9}}})
    sys.stdout.buffer.write(line.replace("XX", "\\xff\\xfe").encode("latin-1") + b"\\n")
"""
    run = load_extractor(command(tmp_path, body))
    item = posting()
    run.apply([item])
    ext = item[1]
    assert (ext.fields["company"], ext.stages["company"]) == ("Acme Analytics", "label")
    assert all("\ufffd" not in str(a.value) for a in ext.alternatives.get("company", []))
    assert (ext.fields["department"], ext.stages["department"]) == ("Data", "command")
    assert run.report.tally.refused == {"company": 1}
    said = "\n".join(run.report.lines())
    assert "1 values refused (company 1)" in said and "not UTF-8" in said
    said.encode("utf-8")
