#!/usr/bin/python3
"""The benchmark of `cbkpi evaluate` against two anchors that compute the same figures: pandas
(+ XlsxWriter) and DuckDB (from Node.js). `make bench` runs it; by hand:

    bench/run.py --cbkpi build/cbkpi --gen build/bench/gen --csvcount build/bench/csvcount

For each size the data is generated once into bench/data/ROWS/ (bench/gen, fixed seed), then
each tool runs as a whole process under /usr/bin/time -f "%e %U %S %M". The tables show the
median wall time (taken by this runner around the process, to the millisecond, as %e has only
10 ms), the median user+sys CPU time, the largest peak RSS of the runs, and wall time relative
to cbkpi's. The figures of every tool (per workshop: respondents, mean, SD; per item: responses,
mean) must agree with cbkpi's workbook, read back with openpyxl: counts exactly, means and SDs
within 1e-9. At 2M rows `wc -l` and a bare libcsv parse (bench/csvcount) show the floors, and
`cbkpi run samples` (all three workbooks) is timed over 10 runs.

The run keeps to a time budget: --budget seconds from --started (default: now). Past 2M rows
the time of each tool is estimated from its 2M runs (x rows/2M, plus a margin): every tool gets
one run if the budget allows, in the order cbkpi, DuckDB, pandas, then cbkpi and DuckDB a second;
what does not fit is skipped with "skipped: would take ~N s".
Exit status: 0 when every tool that ran agrees with cbkpi; 1 when figures differ or a tool
failed; 2 on usage errors.
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
AS_OF = "2026-06-30"        # the data ends 2026-04-04; a fixed date keeps runs clock-independent
REFERENCE_ROWS = 2_000_000  # larger sizes are planned from the runs at this one
RUNS = {"cbkpi": 3, "duckdb": 3, "pandas": 3}
RUNS_LARGE = {"cbkpi": 2, "duckdb": 2, "pandas": 1}
MARGIN = 1.3                # estimated time = reference time x rows ratio x MARGIN
TIME = "/usr/bin/time"


class Budget:
    def __init__(self, seconds, started):
        self.seconds = seconds
        self.started = started

    def elapsed(self):
        return time.time() - self.started

    def left(self):
        return self.seconds - self.elapsed()


class Measurement:
    def __init__(self, runs):
        self.runs = runs  # list of (wall s, cpu s, peak rss KiB)

    def wall(self):
        return statistics.median(r[0] for r in self.runs)

    def cpu(self):
        return statistics.median(r[1] for r in self.runs)

    def rss_kib(self):
        return max(r[2] for r in self.runs)


def timed(argv, log_path):
    """Runs argv once under /usr/bin/time: (wall s, user+sys s, peak RSS KiB). Raises
    RuntimeError with the end of its output when it fails."""
    stats_path = log_path + ".time"
    with open(log_path, "wb") as log:
        t0 = time.perf_counter()
        proc = subprocess.run([TIME, "-f", "%e %U %S %M", "-o", stats_path] + argv, cwd=ROOT,
                              stdout=log, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - t0
    if proc.returncode != 0:
        with open(log_path, "rb") as log:
            tail = log.read()[-1500:].decode("utf-8", "replace")
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{tail}")
    with open(stats_path) as f:
        _, user, system, rss = f.read().split()[-4:]
    return wall, float(user) + float(system), int(rss)


def measure(argv, runs, log_path):
    return Measurement([timed(argv, log_path) for _ in range(runs)])


def generate(gen, rows):
    """bench/data/ROWS/, generated once per (rows, seed, source of the generator)."""
    folder = os.path.join(BENCH, "data", str(rows))
    with open(os.path.join(BENCH, "gen.c"), "rb") as f:
        stamp = f"{rows} {SEED} {hashlib.sha256(f.read()).hexdigest()[:16]}\n"
    stamp_path = os.path.join(folder, ".stamp")
    if os.path.exists(stamp_path):
        with open(stamp_path) as f:
            if f.read() == stamp:
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


class Tool:
    """A tool that computes the figures: how to run it, how to get its figures afterwards, and
    why it cannot run (None when it can)."""

    def __init__(self, name, label, command, read_figures, missing=None):
        self.name = name
        self.label = label
        self.command = command            # (data folder, out folder) -> argv
        self.read_figures = read_figures  # out folder -> figures
        self.missing = missing


def make_tools(args):
    py = sys.executable
    node = shutil.which("node")

    def inputs(data):
        return [os.path.join(data, "workshops.csv"), os.path.join(data, "evaluations.csv")]

    def json_figures(name):
        def read(out):
            with open(os.path.join(out, name + ".json")) as f:
                return json.load(f)
        return read

    cbkpi = Tool(
        "cbkpi", "cbkpi",
        lambda data, out: [os.path.abspath(args.cbkpi), "evaluate",
                           "--workshops", inputs(data)[0], "--evaluations", inputs(data)[1],
                           "-o", os.path.join(out, "cbkpi.xlsx"), "--as-of", AS_OF],
        lambda out: read_cbkpi.read(os.path.join(out, "cbkpi.xlsx")))
    duckdb = Tool(
        "duckdb", "DuckDB (node-api)",
        lambda data, out: [node, os.path.join(BENCH, "anchor_duckdb.mjs")] + inputs(data) +
                          [os.path.join(out, "duckdb.json")],
        json_figures("duckdb"))
    pandas = Tool(
        "pandas", "pandas + XlsxWriter",
        lambda data, out: [py, os.path.join(BENCH, "anchor_pandas.py")] + inputs(data) +
                          [os.path.join(out, "pandas.xlsx"), os.path.join(out, "pandas.json")],
        json_figures("pandas"))
    if node is None:
        duckdb.missing = "node is not installed (apt-get install nodejs npm)"
    elif not os.path.exists(os.path.join(BENCH, "node_modules", "@duckdb", "node-api")):
        duckdb.missing = "@duckdb/node-api is not installed (npm ci --prefix bench)"
    if subprocess.run([py, "-c", "import pandas, xlsxwriter"], capture_output=True).returncode:
        pandas.missing = "not installed (apt-get install python3-pandas python3-xlsxwriter)"
    return [cbkpi, duckdb, pandas]


def print_table(title, rows, reference_wall, notes):
    print()
    print(title)
    print(f"  {'tool':<22} {'runs':>4} {'wall s':>9} {'CPU s':>9} {'peak RSS MiB':>13} "
          f"{'wall/cbkpi':>10}")
    for label, m, note in rows:
        if m is None:
            print(f"  {label:<22} {note}")
            continue
        ratio = f"{m.wall() / reference_wall:10.2f}" if reference_wall else f"{'':>10}"
        print(f"  {label:<22} {len(m.runs):>4} {m.wall():>9.3f} {m.cpu():>9.3f} "
              f"{m.rss_kib() / 1024:>13.1f} {ratio}")
    for line in notes:
        print(f"  {line}")
    sys.stdout.flush()


def plan_large(size, tools, reference, budget):
    """Runs per tool past the reference size, from the reference runs and the budget: one run
    each in tool order while it fits, then the second runs. Returns {name: (runs, per_run s,
    read-back s)} and {name: why skipped}."""
    scale = size / REFERENCE_ROWS
    available = mem_available_kib()
    estimates, skipped = {}, {}
    for tool in tools:
        ref = reference.get(tool.name)
        if ref is None:
            skipped[tool.name] = "skipped: no run at 2,000,000 rows to plan from"
            continue
        need_kib = ref["measurement"].rss_kib() * scale
        if available is not None and need_kib > 0.8 * available:
            skipped[tool.name] = (f"skipped: would need ~{need_kib / 1048576:.1f} GiB of "
                                  f"memory, {available / 1048576:.1f} GiB available")
            continue
        estimates[tool.name] = (ref["measurement"].wall() * scale * MARGIN,
                                ref["read_back"] * scale * MARGIN)
    left = budget.left()
    plan = {}
    for round_ in (1, 2):
        for tool in tools:
            if tool.name not in estimates or round_ > RUNS_LARGE[tool.name]:
                continue
            if round_ == 2 and tool.name not in plan:
                continue
            per_run, read_back = estimates[tool.name]
            cost = per_run + (read_back if round_ == 1 else 0.0)
            if cost <= left:
                left -= cost
                plan[tool.name] = (round_, per_run, read_back)
            elif round_ == 1:
                skipped[tool.name] = (f"skipped: would take ~{cost:.0f} s, "
                                      f"~{max(left, 0):.0f} s of the {budget.seconds:.0f} s "
                                      f"budget left")
    return plan, skipped


def bench_size(args, size, tools, reference, budget, problems):
    data, gen_s = generate(args.gen, size)
    evaluations = os.path.join(data, "evaluations.csv")
    out = os.path.join(BENCH, "data", "out", str(size))
    os.makedirs(out, exist_ok=True)
    mib = os.path.getsize(evaluations) / 1048576
    notes = [f"data generated in {gen_s:.1f} s"] if gen_s else []
    start_load = os.getloadavg()[0]
    # Reading the file once first puts it in the page cache for every tool alike; at the
    # reference size those reads are the `wc -l` floor.
    floors = []
    if size == REFERENCE_ROWS:
        floors.append(("wc -l (floor)",
                       measure(["wc", "-l", evaluations], 3, os.path.join(out, "wc.log")), None))
        floors.append(("libcsv parse (floor)",
                       measure([os.path.abspath(args.csvcount), evaluations], 3,
                               os.path.join(out, "csvcount.log")), None))
    else:
        subprocess.run(["wc", "-l", evaluations], stdout=subprocess.DEVNULL, check=True)

    runnable = [t for t in tools if not t.missing]
    if size > REFERENCE_ROWS:
        plan, skipped = plan_large(size, runnable, reference, budget)
    else:
        plan, skipped = {t.name: (RUNS[t.name], 0.0, 0.0) for t in runnable}, {}
    rows, results = [], {}
    for tool in tools:
        if tool.missing or tool.name in skipped:
            rows.append((tool.label, None, f"skipped: {tool.missing}" if tool.missing
                         else skipped[tool.name]))
            continue
        runs, per_run, read_back = plan[tool.name]
        # Estimates can be wrong: what is left must still cover the tools after this one.
        later = sum(plan[t.name][0] * plan[t.name][1] + plan[t.name][2]
                    for t in tools[tools.index(tool) + 1:] if t.name in plan)
        while runs > 1 and budget.left() - later < runs * per_run + read_back:
            runs -= 1
        try:
            m = measure(tool.command(data, out), runs, os.path.join(out, tool.name + ".log"))
            t0 = time.perf_counter()
            results[tool.name] = tool.read_figures(out)
            read_back = time.perf_counter() - t0
        except (RuntimeError, OSError, ValueError, KeyError, SystemExit) as e:
            rows.append((tool.label, None, "failed (see below)"))
            problems.append(f"{size:,} rows, {tool.label}: {e}")
            continue
        rows.append((tool.label, m, None))
        if size == REFERENCE_ROWS:
            reference[tool.name] = {"measurement": m, "read_back": read_back}

    notes.append(check_figures(size, results, problems))
    notes.append(f"load average {start_load:.2f} at start, {os.getloadavg()[0]:.2f} at end "
                 f"({os.cpu_count()} cores)")
    cbkpi = next((m for label, m, _ in rows if label == "cbkpi" and m), None)
    print_table(f"== {size:,} rows (evaluations.csv {mib:,.1f} MiB)", rows + floors,
                cbkpi.wall() if cbkpi else None, notes)


def check_figures(size, results, problems):
    """Compares every tool's figures with cbkpi's; returns the line for the table."""
    if "cbkpi" not in results:
        return "figures: none from cbkpi, nothing compared"
    others = [name for name in results if name != "cbkpi"]
    if not others:
        return "figures: only cbkpi ran, nothing to compare with"
    differing = []
    for name in others:
        diffs = figures.differences(results["cbkpi"], results[name])
        if diffs:
            differing.append(name)
            problems.append(f"{size:,} rows: figures differ, cbkpi vs {name}:\n    " +
                            "\n    ".join(diffs))
    if differing:
        return f"FIGURES DIFFER: cbkpi vs {', '.join(differing)} (see below)"
    ref = results["cbkpi"]
    return (f"figures agree: cbkpi, {', '.join(others)} ({len(ref['workshops'])} workshops, "
            f"{len(ref['items'])} items)")


def bench_samples(args, problems):
    out = os.path.join(BENCH, "data", "out", "samples")
    os.makedirs(out, exist_ok=True)
    argv = [os.path.abspath(args.cbkpi), "run", "samples", "-o", out, "--as-of", "2026-03-31"]
    try:
        m = measure(argv, 10, os.path.join(out, "run.log"))
    except RuntimeError as e:
        problems.append(f"cbkpi run samples: {e}")
        return
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
                        help="seconds for the whole run, from --started (default %(default)s)")
    parser.add_argument("--started", type=float, default=None,
                        help="when the budget started, in seconds since the epoch (default now)")
    args = parser.parse_args()
    for path in (args.cbkpi, args.gen, args.csvcount):
        if not os.access(path, os.X_OK):
            parser.error(f"{path} is not an executable (make bench builds it)")
    if not os.access(TIME, os.X_OK):
        parser.error(f"{TIME} is missing (apt-get install time)")
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))

    budget = Budget(args.budget, args.started if args.started else time.time())
    tools = make_tools(args)
    print(f"cbkpi benchmark: cbkpi evaluate vs DuckDB and pandas on generated data "
          f"(seed {SEED}); {os.cpu_count()} cores; budget {args.budget:.0f} s, "
          f"{budget.elapsed():.0f} s spent before the runner started")
    print("wall = median wall time, CPU = median user+sys, peak RSS = the largest, over the runs; "
          "wall/cbkpi = wall / cbkpi's wall")
    reference, problems = {}, []
    for size in (s for s in sizes if s <= REFERENCE_ROWS):
        bench_size(args, size, tools, reference, budget, problems)
    bench_samples(args, problems)
    for size in (s for s in sizes if s > REFERENCE_ROWS):
        bench_size(args, size, tools, reference, budget, problems)

    print()
    print(f"total {budget.elapsed():.0f} s (budget {args.budget:.0f} s)")
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print(f"  {p}")
        return 1
    print("figures agree at every size")
    return 0


if __name__ == "__main__":
    sys.exit(main())
