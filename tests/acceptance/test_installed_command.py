"""The installed ``pubsvc`` command, run for real in a subprocess from an empty folder: the few
things only a real process shows — the console script on PATH, the exit code the shell sees, what
reaches a terminal that is not UTF-8, a hang, a reader that goes away. Everything else drives the
command in-process (the ``cli`` fixture), which is as faithful and much faster."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, indicator, plan_data, pubsvc_executable, write_yaml


def assert_no_traceback(proc):
    assert "Traceback" not in proc.stdout + proc.stderr and "internal error" not in proc.stderr
    return proc


def test_check_guilin_by_name_from_any_folder_in_chinese(installed_cli):
    proc = installed_cli("check", "guilin.yaml")
    assert proc.returncode == 1, proc.stderr  # Guilin's service list lacks a national item (PS401)
    out = proc.stdout
    for expected in (
        "桂林市公共服务“十四五”规划",
        "PS303",
        "人均体育场地面积",
        "每百户居民拥有社区综合服务设施面积",
        "已豁免",
        "基本养老保险参保率",
        "参加各类补贴性职业技能培训人数",
        "城镇老旧小区改造",
        "共检查 1 个规划：1 个错误，6 个警告，19 条提示，1 项已豁免。",
        "退役军人就业创业服务",
        "基本公共服务清单覆盖情况",
    ):
        assert expected in out
    assert_no_traceback(proc)


def test_unknown_option_is_a_usage_error(installed_cli):
    proc = installed_cli("check", "guilin", "--formt", "json")
    assert proc.returncode == 2
    assert_no_traceback(proc)


def test_a_console_that_is_not_utf8_does_not_crash(installed_cli):
    proc = assert_no_traceback(installed_cli("check", "guilin", env={"PYTHONIOENCODING": "ascii"}))
    assert proc.returncode == 1
    report = assert_no_traceback(installed_cli("check", "guilin", "-f", "json", env={"PYTHONIOENCODING": "ascii"}))
    assert json.loads(report.stdout)["plans"][0]["name"] == "桂林市公共服务“十四五”规划"  # escaped, not lost


def test_a_fifo_beside_the_plan_does_not_hang_the_upper_plan_search(installed_cli, tmp_path):
    write_yaml(tmp_path / "p.yaml", plan_data("t1", [indicator("life_expectancy", 78, 79)], upper="nowhere"))
    os.mkfifo(tmp_path / "pipe.yaml")
    proc = assert_no_traceback(
        installed_cli("check", "p.yaml", "-f", "json")
    )  # the fixture's timeout would fail a hang
    assert any(f["rule"] == "PS301" for f in json.loads(proc.stdout)["findings"])


def test_an_internal_error_exits_3_without_a_traceback(tmp_path):
    code = (
        "import pubsvc_cli.cli as cli\n"
        "def broken(**_kwargs):\n    raise ZeroDivisionError('a bug')\n"
        "cli.app = broken\ncli.main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={**os.environ, "PUBSVC_DEBUG": "0"},
    )
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert "internal error: ZeroDivisionError: a bug" in proc.stderr and "PUBSVC_DEBUG=1" in proc.stderr


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path):
    # `pubsvc check … | head -c 10`: the reader stops long before the report ends.
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    plans = ["guilin", "guangxi", "national", "sichuan", "wuzhong", "unnamed-city", "guilin-13th", "guangxi-13th"]
    proc = subprocess.run(
        [*pubsvc_executable(), "check", *plans, "-f", "json"],  # 130 kB: more than a pipe holds
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    reader.stdin.close()
    reader.wait(timeout=60)
    assert proc.returncode == 1 and proc.stderr == ""  # no BrokenPipeError, no "Exception ignored"


def test_python_dash_m_runs_the_same_command(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pubsvc_cli", "--version"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert proc.returncode == 0 and proc.stdout.startswith("pubsvc ")


def test_a_deeply_nested_file_beside_the_plan_does_not_crash_the_upper_plan_search(installed_cli, tmp_path):
    # Searching for the upper plan peeks at every file beside the plan; a plain yaml.load of this
    # one overflowed the C stack (a segfault, exit 139) under PyYAML 6.0.1.
    write_yaml(tmp_path / "p.yaml", plan_data("t1", [indicator("life_expectancy", 78, 79)], upper="nowhere"))
    (tmp_path / "deep.yaml").write_text("- " * 1_000_000 + "x\n", encoding="utf-8")
    proc = assert_no_traceback(installed_cli("check", "p.yaml", "-f", "json"))
    assert proc.returncode == 1 and [f["rule"] for f in json.loads(proc.stdout)["findings"]] == ["PS301"]


def test_the_whole_output_reaches_a_file_before_the_quick_exit(tmp_path):
    """The console script leaves without tearing the interpreter down (cli.run): what it wrote
    must all be there, to the last byte."""
    report = tmp_path / "all.json"
    with report.open("w", encoding="utf-8") as out:
        proc = subprocess.run(
            [*pubsvc_executable(), "check", "--all", "--format", "json"], stdout=out, cwd=tmp_path, timeout=120
        )
    assert proc.returncode == 1
    assert len(json.loads(report.read_text(encoding="utf-8"))["plans"]) >= 5


def test_a_second_run_in_a_new_process_answers_from_the_cache_the_same(installed_cli, tmp_path):
    env = {"PUBSVC_NO_CACHE": "0", "PUBSVC_CACHE_DIR": str(tmp_path / "cache")}
    first, second = (installed_cli("check", "guilin", env=env) for _ in range(2))
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)
    assert list((tmp_path / "cache").glob("*.pickle"))


def test_ctrl_c_twice_during_a_batch_stops_every_process_and_says_so(tmp_path):
    import signal
    import time

    guilin = (ROOT / "data" / "plans" / "guilin.yaml").read_text(encoding="utf-8")
    for number in range(200):  # a few seconds of work for two processes
        copy = guilin.replace("id: guilin", f"id: city{number}", 1)
        (tmp_path / f"city{number}.yaml").write_text(copy, encoding="utf-8")
    proc = subprocess.Popen(
        [*pubsvc_executable(), "check", str(tmp_path), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PUBSVC_LANG": "en", "PUBSVC_NO_CACHE": "1"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal's foreground job
    )
    time.sleep(1.5)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
    proc.send_signal(signal.SIGINT)
    time.sleep(0.005)
    proc.send_signal(signal.SIGINT)  # impatient: a second Ctrl-C must not cut the stopping short
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    time.sleep(0.5)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "a worker outlived the interrupted run"
    assert err.strip() == "Interrupted (Ctrl-C)." and "Traceback" not in out + err


@pytest.mark.parametrize("closed", [1, 2], ids=["stdout (>&-)", "stderr (2>&-)"])
def test_a_closed_output_stream_does_not_change_the_exit_code(tmp_path, closed):
    for args, code in ((["--version"], 0), (["check", "guilin", "--no-fail"], 0), (["check", "guilin"], 1)):
        proc = subprocess.run(
            [*pubsvc_executable(), *args],
            stdout=subprocess.DEVNULL if closed == 2 else None,
            stderr=subprocess.PIPE if closed == 1 else None,
            text=True,
            cwd=tmp_path,
            preexec_fn=lambda: os.close(closed),  # as the shell closes it
            timeout=60,
        )
        assert proc.returncode == code, args
        assert closed == 2 or proc.stderr == "", args  # no traceback where stderr is open


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["check", "guilin"], ["check", "guilin", "-f", "json"]])
def test_output_to_a_full_disk_is_said_once_and_exits_2(tmp_path, args):
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [*pubsvc_executable(), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PUBSVC_LANG": "en"},
            timeout=60,
        )
    assert proc.returncode == 2
    assert proc.stderr == "cannot write stdout: No space left on device\n"


def test_the_console_script_leaves_before_the_collector_is_set_back(monkeypatch, capsys):
    """run() ends the process from inside main, while the batch's collection thresholds still
    hold: set back to Python's defaults, the next allocation started a full collection of the
    national result's objects (1.2 s after its report was written). The exit code is the
    command's."""
    import gc

    from pubsvc_cli import cli
    from pubsvc_cli.batch import GC_THRESHOLD

    left = []

    class Left(BaseException):  # past main's own handlers, as os._exit would be
        pass

    def finish(code):
        left.append((code, gc.get_threshold()))
        raise Left

    with pytest.raises(Left):
        cli.main(["check", "guilin", "--no-cache"], finish=finish)
    assert left == [(1, GC_THRESHOLD)]
    assert "guilin" in capsys.readouterr().out


def test_extract_drafts_a_plan_file_in_a_real_process(installed_cli, tmp_path):
    document = tmp_path / "县级规划.txt"
    document.write_text((ROOT / "tests" / "extract" / "county-plan.txt").read_text(encoding="utf-8"), encoding="utf-8")
    proc = assert_no_traceback(installed_cli("extract", "县级规划.txt", "--id", "county", cwd=tmp_path))
    assert proc.returncode == 0 and "已写入 county.draft.yaml" in proc.stderr
    checked = assert_no_traceback(
        installed_cli("extract", "--check", "县级规划.txt", "county.draft.yaml", cwd=tmp_path)
    )
    assert checked.returncode == 0, checked.stdout


def test_extract_shows_its_stages_on_a_terminal(tmp_path):
    """On a terminal (a pseudo-terminal here) a progress display shows the stages (how many of them
    a frame catches depends on the machine's speed); in a pipe (every other test) it is not written."""
    pty = pytest.importorskip("pty")
    document = tmp_path / "county-plan.txt"
    document.write_text((ROOT / "tests" / "extract" / "county-plan.txt").read_text(encoding="utf-8"), encoding="utf-8")
    primary, secondary = pty.openpty()
    env = {**os.environ, "PUBSVC_NO_CACHE": "1"}
    proc = subprocess.Popen(
        [*pubsvc_executable(), "extract", "county-plan.txt", "--lang", "en"],
        cwd=tmp_path,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        close_fds=True,
    )
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    assert proc.wait(timeout=60) == 0
    text = shown.decode("utf-8", "replace")
    assert "reading county-plan.txt" in text and "/5" in text and "Traceback" not in text  # the stages are 5
    assert (tmp_path / "county-plan.draft.yaml").is_file()
