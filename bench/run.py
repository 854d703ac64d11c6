#!/usr/bin/python3
"""The benchmark of `cbkpi evaluate` against two anchors that compute the same figures: pandas
(+ XlsxWriter) and DuckDB (from Node.js). `make bench` runs it; by hand:

    bench/run.py --cbkpi build/cbkpi --gen build/bench/gen --csvcount build/bench/csvcount

For each size the data is generated once into bench/data/ROWS/ (bench/gen, fixed seed), then
each tool runs as a whole process under /usr/bin/time: the table shows the median wall time
(measured by this runner around the process, to the millisecond), the median user+sys CPU time
and the largest peak RSS of the runs, and wall time relative to cbkpi's. The figures of every
tool (per workshop: respondents, mean, SD; per item: responses, mean) must agree with cbkpi's
workbook, read back with openpyxl: counts exactly, means and SDs within 1e-9. At 2M rows
`wc -l` and a bare libcsv parse (bench/csvcount) show the floors; `cbkpi run samples` (all three
workbooks) is timed over 10 runs.

The whole run keeps to a time budget (--budget seconds, default 540, so that `make bench` with its
builds stays under 10 minutes on a 2-core machine). Before each tool at the largest size the
runner estimates its time from the 2M runs (x10, plus a margin): it runs fewer times, or skips
the tool and says "skipped: would take ~N s", rather than overrun. Exit status: 0 when every tool
that ran agrees with cbkpi, 1 when figures differ or a tool failed, 2 on usage errors.
"""
import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)
import figures  # noqa: E402
import read_cbkpi  # noqa: E402

SEED = 20260331
AS_OF = "2026-06-30"      # the data ends 2026-04-04: a fixed date keeps runs independent of the clock
REFERENCE_ROWS = 2_000_000  # the 20M plan is estimated from these runs
MARGIN = 1.25             # estimated 20M time = 10 x the 2M time x MARGIN
TIME = "/usr/bin/time"


class Budget:
    def __init__(self, seconds):
        self.seconds = seconds
        self.start = time.monotonic()

    def elapsed(self):
        return time.monotonic() - self.start

    def left(self):
        return self.seconds - self.elapsed()


class Measurement:
    def __init__(self, name, runs):
        self.name = name
        self.runs = runs  # list of (wall s, cpu s, peak rss KiB)

    def wall(self):
        return statistics.median(r[0] for r in self.runs)

    def cpu(self):
        return statistics.median(r[1] for r in self.runs)

    def rss_mib(self):
        return max(r[2] for r in self.runs) / 1024.0


def timed(argv, log_path, cwd=ROOT):
    """Runs argv once under /usr/bin/time; returns (wall, cpu, rss KiB), or raises with the tail
    of its output."""
    stats_path = log_path + ".time"
    with open(log_path, "wb") as log:
        t0 = time.perf_counter()
        proc = subprocess.run([TIME, "-f", "%e %U %S %M", "-o", stats_path] + argv, cwd=cwd,
                              stdout=log, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - t0
    if proc.returncode != 0:
        with open(log_path, "rb") as log:
            tail = log.read()[-2000:].decode("utf-8", "replace")
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{tail}")
    with open(stats_path) as f:
        fields = f.read().split()[-4:]
    _, user, system, rss = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
    return wall, user + system, rss


def measure(name, argv, runs, log_path):
    return Measurement(name, [timed(argv, log_path) for _ in range(runs)])


def generate(gen, rows):
    """bench/data/ROWS/, generated once per (rows, seed, generator source)."""
    folder = os.path.join(BENCH, "data", str(rows))
    with open(os.path.join(BENCH, "gen.c"), "rb") as f:
        stamp = f"{rows} {SEED} {hashlib.sha256(f.read()).hexdigest()[:16]}\n"
    stamp_path = os.path.join(folder, ".stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return folder, 0.0
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    t0 = time.perf_counter()
    subprocess.run([gen, str(rows), str(SEED), folder], check=True)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return folder, time.perf_counter() - t0


def mem_available_kib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def load():
    return os.getloadavg()[0]


class Tool:
    """A tool that computes the figures: how to run it, and how to get its figures after."""

    def __init__(self, name, label, command, read_figures, missing=None):
        self.name = name
        self.label = label
        self.command = command            # (data folder, out folder) -> argv
        self.read_figures = read_figures  # out folder -> figures dict
        self.missing = missing            # why it cannot run, or None


def tools(args):
    py = sys.executable

    def cbkpi_cmd(data, out):
        return [os.path.abspath(args.cbkpi), "evaluate",
                "--workshops", os.path.join(data, "workshops.csv"),
                "--evaluations", os.path.join(data, "evaluations.csv"),
                "-o", os.path.join(out, "cbkpi.xlsx"), "--as-of", AS_OF]

    def cbkpi_figures(out):
        return read_cbkpi.read(os.path.join(out, "cbkpi.xlsx"))

    def pandas_cmd(data, out):
        return [py, os.path.join(BENCH, "anchor_pandas.py"),
                os.path.join(data, "workshops.csv"), os.path.join(data, "evaluations.csv"),
                os.path.join(out, "pandas.xlsx"), os.path.join(out, "pandas.json")]

    def duckdb_cmd(data, out):
        return [shutil.which("node") or "node", os.path.join(BENCH, "anchor_duckdb.mjs"),
                os.path.join(data, "workshops.csv"), os.path.join(data, "evaluations.csv"),
                os.path.join(out, "duckdb.json")]

    def json_figures(name):
        def read(out):
            with open(os.path.join(out, name + ".json")) as f:
                return json.load(f)
        return read

    pandas_missing = None
    probe = subprocess.run([py, "-c", "import pandas, xlsxwriter"], capture_output=True)
    if probe.returncode != 0:
        pandas_missing = ("pandas or XlsxWriter is not installed "
                          "(apt-get install python3-pandas python3-xlsxwriter)")
    duckdb_missing = None
    if shutil.which("node") is None:
        duckdb_missing = "node is not installed (apt-get install nodejs npm)"
    elif not os.path.exists(os.path.join(BENCH, "node_modules", "@duckdb", "node-api")):
        duckdb_missing = "@duckdb/node-api is not installed (npm ci --prefix bench)"
    return [
        Tool("cbkpi", "cbkpi", cbkpi_cmd, cbkpi_figures),
        Tool("duckdb", "DuckDB (node-api)", duckdb_cmd, json_figures("duckdb"), duckdb_missing),
        Tool("pandas", "pandas + XlsxWriter", pandas_cmd, json_figures("pandas"), pandas_missing),
    ]


def print_table(title, rows, reference_wall, notes):
    print()
    print(title)
    print(f"  {'tool':<24} {'runs':>4} {'wall s':>9} {'CPU s':>9} {'peak RSS MiB':>13} "
          f"{'vs cbkpi':>9}")
    for label, m, note in rows:
        if m is None:
            print(f"  {label:<24} {note}")
            continue
        ratio = f"{m.wall() / reference_wall:9.2f}" if reference_wall else f"{'-':>9}"
        print(f"  {label:<24} {len(m.runs):>4} {m.wall():>9.3f} {m.cpu():>9.3f} "
              f"{m.rss_mib():>13.1f} {ratio}")
    for line in notes:
        print(f"  {line}")
    sys.stdout.flush()


def plan_runs(tool, wanted, size, reference, budget, reserve):
    """How often a tool can run at this size within the budget: (runs, None) or (0, why not)."""
    ref = reference.get(tool.name)
    if ref is None or size <= REFERENCE_ROWS:
        return wanted, None
    scale = size / REFERENCE_ROWS
    per_run = ref.wall() * scale * MARGIN
    need_kib = max(r[2] for r in ref.runs) * scale
    available = mem_available_kib()
    if available is not None and need_kib > 0.8 * available:
        return 0, (f"skipped: would need ~{need_kib / 1048576:.1f} GiB of memory, "
                   f"{available / 1048576:.1f} GiB available")
    left = budget.left() - reserve
    runs = min(wanted, int(left // per_run))
    if runs < 1:
        return 0, (f"skipped: would take ~{per_run:.0f} s, "
                   f"{max(left, 0):.0f} s of the {budget.seconds:.0f} s budget left")
    return runs, None


def bench_size(args, size, runs_wanted, tool_list, reference, budget, problems):
    data, gen_s = generate(args.gen, size)
    evaluations = os.path.join(data, "evaluations.csv")
    out = os.path.join(BENCH, "data", "out", str(size))
    os.makedirs(out, exist_ok=True)
    mib = os.path.getsize(evaluations) / 1048576
    notes = []
    if gen_s:
        notes.append(f"data generated in {gen_s:.1f} s")
    start_load = load()
    # Reading the file once puts it in the page cache for every tool alike; at the reference
    # size these reads are the `wc -l` floor.
    floor_rows = []
    if size == REFERENCE_ROWS:
        floor_rows.append(("wc -l (floor)", measure("wc", ["wc", "-l", evaluations], 3,
                                                     os.path.join(out, "wc.log")), None))
        floor_rows.append(("libcsv parse (floor)",
                           measure("csvcount", [os.path.abspath(args.csvcount), evaluations], 3,
                                   os.path.join(out, "csvcount.log")), None))
    else:
        subprocess.run(["wc", "-l", evaluations], stdout=subprocess.DEVNULL, check=True)

    rows, results = [], {}
    for tool in tool_list:
        if tool.missing:
            rows.append((tool.label, None, f"skipped: {tool.missing}"))
            continue
        # Reading the figures back (cbkpi's workbook with openpyxl) follows the runs.
        read_back = reference.get(tool.name + " read-back", 0.0) * size / REFERENCE_ROWS
        runs, why = plan_runs(tool, runs_wanted[tool.name], size, reference, budget,
                              read_back * MARGIN)
        if runs == 0:
            rows.append((tool.label, None, why))
            if tool.name == "cbkpi":  # nothing to compare the others with
                break
            continue
        try:
            m = measure(tool.name, tool.command(data, out), runs,
                        os.path.join(out, tool.name + ".log"))
            t0 = time.perf_counter()
            results[tool.name] = tool.read_figures(out)
            read_back = time.perf_counter() - t0
        except (RuntimeError, OSError, ValueError, KeyError, SystemExit) as e:
            rows.append((tool.label, None, "failed (see below)"))
            problems.append(f"{size:,} rows, {tool.label}: {e}")
            continue
        rows.append((tool.label, m, None))
        if size == REFERENCE_ROWS:
            reference[tool.name] = m
            reference[tool.name + " read-back"] = read_back

    notes.append(check_figures(size, results, problems))
    notes.append(f"load average {start_load:.2f} at start, {load():.2f} at end "
                 f"(2 cores; other work on the machine inflates wall times)")
    cbkpi_m = next((m for label, m, _ in rows if label == "cbkpi" and m), None)
    title = f"== {size:,} rows (evaluations.csv {mib:,.1f} MiB)"
    print_table(title, rows + floor_rows, cbkpi_m.wall() if cbkpi_m else None, notes)


def check_figures(size, results, problems):
    """Compares every tool's figures with cbkpi's; returns the note for the table."""
    if "cbkpi" not in results:
        return "figures: none from cbkpi, nothing compared"
    others = [name for name in results if name != "cbkpi"]
    if not others:
        return "figures: only cbkpi ran, nothing to compare with"
    agree = True
    for name in others:
        diffs = figures.differences(results["cbkpi"], results[name])
        if diffs:
            agree = False
            problems.append(f"{size:,} rows: figures differ, cbkpi vs {name}:\n    " +
                            "\n    ".join(diffs))
    if not agree:
        return "FIGURES DIFFER (see below)"
    ref = results["cbkpi"]
    return (f"figures agree: cbkpi, {', '.join(others)} ({len(ref['workshops'])} workshops, "
            f"{len(ref['items'])} items)")


def bench_samples(args):
    out = os.path.join(BENCH, "data", "out", "samples")
    os.makedirs(out, exist_ok=True)
    argv = [os.path.abspath(args.cbkpi), "run", "samples", "-o", out, "--as-of", "2026-03-31"]
    m = measure("samples", argv, 10, os.path.join(out, "run.log"))
    print_table("== cbkpi run samples -o OUT --as-of 2026-03-31 (all three workbooks)",
                [("cbkpi run samples", m, None)], None, [])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cbkpi", default="build/cbkpi")
    parser.add_argument("--gen", default="build/bench/gen")
    parser.add_argument("--csvcount", default="build/bench/csvcount")
    parser.add_argument("--sizes", default="20000,2000000,20000000",
                        help="comma-separated row counts (default %(default)s)")
    parser.add_argument("--budget", type=float, default=540.0,
                        help="seconds for the whole run (default %(default)s)")
    args = parser.parse_args()
    for path in (args.cbkpi, args.gen, args.csvcount):
        if not os.access(path, os.X_OK):
            parser.error(f"{path} is not an executable (make bench builds it)")
    if not os.access(TIME, os.X_OK):
        parser.error(f"{TIME} is missing (apt-get install time)")
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))

    budget = Budget(args.budget)
    tool_list = tools(args)
    print(f"cbkpi benchmark: evaluate on generated data (seed {SEED}), {os.cpu_count()} cores, "
          f"budget {args.budget:.0f} s")
    print("wall = median wall time of the runs; CPU = median user+sys; peak RSS = the largest; "
          "vs cbkpi = wall / cbkpi's wall")
    reference, problems = {}, []
    runs = {"cbkpi": 3, "duckdb": 3, "pandas": 3}
    for size in (s for s in sizes if s <= REFERENCE_ROWS):
        bench_size(args, size, runs, tool_list, reference, budget, problems)
    bench_samples(args)
    # Past the reference size, runs are planned from the reference measurements.
    runs = {"cbkpi": 2, "duckdb": 2, "pandas": 1}
    for size in (s for s in sizes if s > REFERENCE_ROWS):
        bench_size(args, size, runs, tool_list, reference, budget, problems)

    print()
    print(f"total {budget.elapsed():.0f} s")
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print(f"  {p}")
        return 1
    print("figures agree at every size")
    return 0


if __name__ == "__main__":
    sys.exit(main())
