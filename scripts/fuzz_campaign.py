#!/usr/bin/env python3
"""A long fuzzing campaign: every fuzz target run for hours on all cores, at
low priority, with the figures docs/reliability.md reports.

    scripts/fuzz_campaign.py [--scale F] [--lanes N] [--jobs J] [--targets a,b] [--merge]

Runs the targets of PLAN (below) in N parallel lanes (default: the number of
cores) at `nice 19`, each until its coverage curve is flat: it has executed
its minimum number of inputs, used its minimum CPU time, and its last
doubling of executions added under FLAT_GROWTH (1 %) to its edge coverage.
Coverage grows roughly with the logarithm of the executions, so "no new
edge at all" never comes; a plateau on that scale does. A first run
compares `cov` at its N executions with `cov` at N/2. A run that resumes
from the whole minimised corpus of earlier sittings (`fuzz/minimised/<t>.tar.xz`,
unpacked into an empty working corpus `fuzz/work/<t>/`, with the executions
behind it in `fuzz/minimised/<t>.json`) is flat when the last doubling
of the target's total executions added under 1 % to its coverage: `cov`
now compared with `cov` where the total (the earlier sittings' and this
run's) was half of today's. The archive keeps the target's coverage curve
across sittings (`"curve"`: points of total executions and `cov`), so
that half may lie in an earlier sitting: a run then only has to execute
enough for half its total to reach the curve's first point, not as much
as all earlier sittings again. An archive without a curve has only its last
point, so its run must double the total as before. A target that is still
growing at its CPU cap (or its wall-clock cap) stops there and is reported
"not flat".
With `--jobs J`, each target runs as J libFuzzer processes on J lanes
that share its working corpus (each reloads what the others find every
second, as libFuzzer's own `-jobs` do): their executions and CPU time add
up, their `cov` is the highest of theirs, and the CPU budgets stay the
target's (its wall-clock cap shrinks J times). It gives a last target
whose doubling is long every core of a sitting.
`--scale` multiplies every budget (0.01 for a rehearsal of a few minutes). Builds the targets first
(`cargo +nightly fuzz build -O -a -s none`: optimised, debug assertions and
overflow checks on, no AddressSanitizer, as in scripts/fuzz.sh), installing
nightly and cargo-fuzz when missing.

For every target it writes `fuzz/work/campaign/<t>.log` (libFuzzer's output)
and prints, and writes to `fuzz/work/campaign/summary.md` after every target
that ends, a table: executions,
wall and CPU time, edge coverage (`cov`) at the first status line (after the
working corpus is loaded) and at the end, features (`ft`), and where the
coverage curve flattened: the execution at which `cov` last grew and the
share of the CPU time after it. With `--merge`, each target that ran clean gets its
whole working corpus minimised (libFuzzer's `-merge=1`: the fewest inputs
keeping every edge) into `fuzz/minimised/<t>.tar.xz`, and its committed
regression corpus (`fuzz/corpus/<t>/`, run by tests/fuzz_corpus.rs) replaced
as `scripts/fuzz.sh` does with FUZZ_UPDATE_CORPUS=1 (the seeds plus the
largest inputs of that merge). Ctrl-C or SIGTERM (a machine shutting down) stops the running
targets as their budgets would, marks them "stopped early" and still writes
the table (and merges); targets not started are named, for a later
`--targets` run. Exits non-zero when any target found a crash, leak,
timeout or out-of-memory (the input is in `fuzz/artifacts/<t>/`).

Python standard library only.
"""
import argparse, io, json, os, re, shutil, signal, subprocess, sys, tarfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
BIN = FUZZ / "target" / "x86_64-unknown-linux-gnu" / "release"
WORK = FUZZ / "work" / "campaign"
MINIMISED = FUZZ / "minimised"

# target: (minimum executions, minimum CPU seconds, CPU cap in seconds, max_len)
# The calendar and pipeline targets must reach a million executions (issue 18);
# every target runs until its coverage is flat (FLAT_GROWTH, below) or its cap.
PLAN = {
    "calendar": (1_000_000, 600, 5400, 20000),
    "pipeline": (1_000_000, 600, 5400, 8192),
    "csv_chunks": (0, 600, 3600, 20000),
    "inspect": (0, 600, 3600, 20000),
    "calendar_ics": (0, 600, 3600, 20000),
    "csv_mapping": (0, 600, 3600, 20000),
    # About 90,000-100,000 inputs a CPU minute: its next doubling (14 M
    # more executions after the fourteenth sitting) takes over two hours.
    "csv_servicenow_event_log": (0, 600, 5400, 20000),
    # 400,000-700,000 inputs a CPU minute over the last three sittings,
    # but its next doubling needs 42-55 M executions: more than an hour.
    "json_ingest": (0, 600, 5400, 20000),
    "policy": (0, 600, 3600, 20000),
    "csv_servicenow_incidents": (0, 600, 5400, 20000),
    "csv_jira": (0, 600, 3600, 20000),
    # 300,000-400,000 inputs a CPU minute: what its next doubling needs
    # (34-41 M executions at the last two sittings) takes over an hour.
    "scorecard": (0, 600, 5400, 20000),
    "timestamp": (0, 600, 3600, 20000),
    "partial": (0, 600, 3600, 20000),
}
# Flat: the last doubling of executions added less than this share to the
# edge coverage.
FLAT_GROWTH = 0.01
# The archived curve keeps a point per this growth of the total executions
# (and the last): about 14 points per doubling.
CURVE_STEP = 1.05
# A target's wall-clock cap, as a multiple of its CPU cap (a lane at nice 19
# beside other work gets a fraction of a core).
WALL_PER_CPU = 4
LINE = re.compile(r"^#(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+).*?exec/s: (\d+)")


def build():
    toolchains = subprocess.run(["rustup", "toolchain", "list"], capture_output=True, text=True).stdout
    if not any(l.startswith("nightly") for l in toolchains.splitlines()):
        subprocess.run(["rustup", "toolchain", "install", "nightly", "--profile", "minimal"], check=True)
    if shutil.which("cargo-fuzz") is None:
        subprocess.run(["cargo", "install", "cargo-fuzz", "--locked"], check=True)
    subprocess.run([sys.executable, str(FUZZ / "seed.py")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["nice", "-n", "19", "cargo", "+nightly", "fuzz", "build", "-O", "-a", "-s", "none"], cwd=ROOT, check=True)


class Run:
    """One target's libFuzzer processes (`--jobs`, one by default), stopped
    by the campaign when its budget is spent. Several processes share the
    target's working corpus as libFuzzer's own `-jobs` do: each writes the
    inputs it finds there and reloads the others' every second (`-reload`),
    so they fuzz one growing corpus. Their executions and CPU time add up;
    their coverage is the highest `cov` among them (what the corpus they
    share has reached, within a second)."""

    def __init__(self, target, scale, jobs=1):
        runs, cpu, cpu_cap, max_len = PLAN[target]
        self.target, self.min_runs = target, int(runs * scale)
        # The CPU budgets are the target's, whatever the number of its
        # processes; the wall-clock cap shrinks with them.
        self.min_cpu, self.cpu_cap = cpu * scale, cpu_cap * scale
        self.cap = cpu_cap * WALL_PER_CPU * max(scale, 0.01) / jobs
        # (executions, cov) of every status line so far, and `cov` once
        # the corpus is loaded (libFuzzer's INITED line).
        self.points, self.inited, self.inited_at = [], None, None
        for d in ("work", "artifacts"):
            (FUZZ / d / target).mkdir(parents=True, exist_ok=True)
        # The executions behind the working corpus (0: a first run), and
        # the target's curve over them: (total executions, cov) points.
        self.prior, self.curve = unpack(target)
        # Half the total must reach the curve's first point (with no
        # curve, the total must double).
        first = self.curve[0][0] if self.curve else self.prior
        self.min_runs = max(self.min_runs, int((2 * first - self.prior) * scale))
        (FUZZ / "corpus" / target).mkdir(parents=True, exist_ok=True)
        # `<t>.log` for the first process, `<t>.<k>.log` for the k-th.
        self.log_paths = [WORK / (f"{target}.log" if k == 1 else f"{target}.{k}.log") for k in range(1, jobs + 1)]
        self.logs = [open(p, "w") for p in self.log_paths]
        args = [str(BIN / target), str(FUZZ / "work" / target), str(FUZZ / "corpus" / target), str(FUZZ / "seeds" / target),
                "-timeout=10", f"-max_len={max_len}", "-rss_limit_mb=2048", "-print_final_stats=1",
                f"-artifact_prefix={FUZZ / 'artifacts' / target}/"]
        self.started = time.time()
        self.procs = [subprocess.Popen(["nice", "-n", "19"] + args, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
                      for log in self.logs]
        self.cpus = [0.0] * jobs
        self.cpu = 0.0
        self.status = None

    def cpu_now(self):
        """CPU seconds used so far by the target's processes (user +
        system, from /proc; an ended process keeps its last reading)."""
        tick = os.sysconf("SC_CLK_TCK")
        for k, proc in enumerate(self.procs):
            try:
                fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
                self.cpus[k] = (int(fields[11]) + int(fields[12])) / tick
            except (OSError, IndexError, ValueError):
                pass
        return sum(self.cpus)

    def status_lines(self):
        """Each process's log text, and its status lines as (executions,
        kind, cov, ft, exec/s)."""
        texts = [path.read_text(errors="replace") for path in self.log_paths]
        return texts, [[tuple(int(g) if i != 1 else g for i, g in enumerate(m.groups()))
                         for m in map(LINE.match, text.splitlines()) if m] for text in texts]

    def progress(self):
        """The executions and the edge coverage at the last status line.
        One process: its log's points. Several: a point per poll once every
        process has loaded the corpus, of their executions added up and
        the highest `cov`, with `cov` after loading the lowest of theirs
        (a lower start errs towards "not flat")."""
        _, logs = self.status_lines()
        inits = [next(((n, c) for n, kind, c, _, _ in points if kind == "INITED"), None) for points in logs]
        if len(logs) == 1:
            self.points = [(n, c) for n, _, c, _, _ in logs[0]]
            if inits[0]:
                self.inited_at, self.inited = inits[0]
        elif all(inits):
            point = (sum(p[-1][0] for p in logs), max(p[-1][2] for p in logs))
            if self.inited is None:
                self.inited_at, self.inited = point[0], min(c for _, c in inits)
            if not self.points or point != self.points[-1]:
                self.points.append(point)
        return self.points[-1] if self.points else (0, None)

    def known_curve(self):
        """The target's coverage curve as (total executions, cov): the
        earlier sittings' points, then this run's. A resumed run's points
        start where its corpus is loaded (the status lines while loading
        it show part of its coverage). When the corpus loads at fewer edges
        than the curve ended with (edges reached only now and then, or code
        that changed), the earlier points are lowered by the difference;
        when it loads at more (new code or seeds), they are kept, and those
        edges count as growth: both err towards "not flat". Empty for a
        resumed run before its corpus is loaded."""
        if self.prior and self.inited is None:
            return []
        shift = max(0, self.curve[-1][1] - self.inited) if self.curve else 0
        earlier = [(t, c - shift) for t, c in self.curve]
        own = [(self.prior + n, c) for n, c in self.points if not self.prior or n >= self.inited_at]
        return earlier + own

    def half_cov(self):
        """`cov` at the last point of the curve where the target's total
        executions (the earlier sittings' and this run's) were at most half
        of what they are now. Before the curve reaches back that far, a
        resumed run gives the curve's first point (whether the doubling is
        done is `min_runs`'s to say); a first run gives None."""
        known = self.known_curve()
        if not known or not self.points:
            return None
        half = (self.prior + self.points[-1][0]) / 2
        before = [c for t, c in known if t <= half]
        if before:
            return before[-1]
        return known[0][1] if self.prior else None

    def flat(self):
        """True when the last doubling of the target's total executions
        added under FLAT_GROWTH to the edge coverage (`half_cov`)."""
        half = self.half_cov()
        return half is not None and self.points[-1][1] - half < FLAT_GROWTH * self.points[-1][1]

    def poll(self):
        """True once the target has ended: stopped here, or one of its
        processes ended by itself (a crash; the others are stopped)."""
        if any(proc.poll() is not None for proc in self.procs):
            return self.stop() if len(self.procs) > 1 else self.finish()
        self.cpu = self.cpu_now()
        executions, _ = self.progress()
        done = self.cpu >= self.min_cpu and executions >= self.min_runs and self.flat()
        if done or self.cpu >= self.cpu_cap or time.time() - self.started >= self.cap:
            return self.stop()
        return False

    def stop(self, early=False):
        """Stops the target's processes with SIGINT (libFuzzer then prints
        its final stats); `early`: before its budget was spent."""
        self.cpu = self.cpu_now()
        self.progress()
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in self.procs:
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        return self.finish(stopped=True, early=early)

    def finish(self, stopped=False, early=False):
        self.wall = time.time() - self.started
        for log in self.logs:
            log.close()
        # 72: libFuzzer's exit status after SIGINT (from us, or from whoever
        # interrupted the campaign's process group). Several processes: the
        # first that did not end that way, if any.
        codes = [proc.returncode for proc in self.procs]
        code = next((c for c in codes if c not in (0, 72, -2, 130)), codes[0])
        interrupted = code in (72, -2, 130)
        if code == 0 or (stopped and interrupted):
            if early:
                self.status = "stopped early"
            elif self.points and self.points[-1][0] < self.min_runs:
                # At its cap before its doubling was done: however little
                # it grew, the rule has not been met.
                self.status = "ok, cap reached short of its doubling"
            else:
                self.status = "ok, flat" if self.flat() else "ok, not flat at its cap"
        elif interrupted:
            self.status = "interrupted"
        else:
            self.status = f"FAILED (exit {code})"
        return True

    def summary(self):
        """The target's row of the table; sets its executions (from
        libFuzzer's final stats, added up over its processes)."""
        texts, logs = self.status_lines()
        stats = [dict(re.findall(r"stat::(\w+):\s*(\d+)", text)) for text in texts]
        self.executions = sum(int(st.get("number_of_executed_units", p[-1][0] if p else 0)) for st, p in zip(stats, logs))
        if len(logs) == 1 and logs[0]:
            points = logs[0]
            self.inited_at, self.inited = next(((n, c) for n, kind, c, _, _ in points if kind == "INITED"),
                                               (points[0][0], points[0][2]))
            self.points = [(n, c) for n, _, c, _, _ in points]
        elif all(logs) and self.points:
            # The processes' last status lines (after the last poll).
            last = (sum(p[-1][0] for p in logs), max(p[-1][2] for p in logs))
            if last[0] > self.points[-1][0]:
                self.points.append(last)
        execs = f"{self.executions:,}" + (f" (+{self.prior:,} before)" if self.prior else "")
        if not all(logs) or not self.points:
            return [self.target, execs, f"{self.wall / 60:.1f} min", f"{self.cpu / 60:.1f} min", "?", "?", "?", "?", self.status]
        cov, ft = self.points[-1][1], max(p[-1][3] for p in logs)
        last_growth = next(n for n, c in self.points if c == cov)
        half = self.half_cov()
        growth = f"{half} (+{100 * (cov - half) / cov:.2f} %)" if half is not None else "?"
        return [self.target, execs, f"{self.wall / 60:.1f} min", f"{self.cpu / 60:.1f} min",
                f"{self.inited} → {cov}", str(ft), f"{last_growth:,}", growth, self.status]


def unpack(target):
    """Fills an empty working corpus from the last sitting's minimised
    corpus (a fresh machine resumes where that sitting ended); gives the
    executions behind it and the coverage curve over them (0 and [] when
    there is no such corpus; an archive from before curves were kept gives
    its last point)."""
    work, archive, history = FUZZ / "work" / target, MINIMISED / f"{target}.tar.xz", MINIMISED / f"{target}.json"
    if not (archive.exists() and history.exists()):
        return 0, []
    # A working corpus left by an earlier sitting on this machine holds
    # at least the archived one.
    if not any(work.iterdir()):
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")
    history = json.loads(history.read_text())
    last = [[history["executions"], history["cov"]]] if history.get("cov") is not None else []
    return history["executions"], [tuple(p) for p in history.get("curve", last)]


def thin(curve):
    """One point per CURVE_STEP of total executions, and the last. The
    lookup takes the last point at or under half the total, so a thinner
    curve can only give a lower `cov` there: more growth, not less."""
    kept = []
    for t, c in curve:
        if not kept or t >= kept[-1][0] * CURVE_STEP:
            kept.append((t, c))
    if curve and kept[-1] != curve[-1]:
        kept.append(curve[-1])
    return kept


def pack(target, merged):
    """Writes the minimised corpus as `fuzz/minimised/<t>.tar.xz`, byte for
    byte the same for the same inputs (sorted names, no times or owners)."""
    MINIMISED.mkdir(exist_ok=True)
    with tarfile.open(MINIMISED / f"{target}.tar.xz", "w:xz") as tar:
        for f in sorted(merged.iterdir()):
            data = f.read_bytes()
            info = tarfile.TarInfo(f.name)
            info.size, info.mode = len(data), 0o644
            tar.addfile(info, io.BytesIO(data))


def merge(run):
    """Minimises the target's whole corpus into `fuzz/minimised/`, then
    replaces the committed corpus as scripts/fuzz.sh does, keeping the
    inputs committed by name (reproducers of fixed crashes, inputs a test
    names): only the seeds' copies and libFuzzer's hash-named inputs are
    replaced."""
    target = run.target
    keep = int(os.environ.get("FUZZ_CORPUS_KEEP", "25"))
    merged = FUZZ / "work" / f"{target}.merged"
    shutil.rmtree(merged, ignore_errors=True)
    merged.mkdir(parents=True)
    corpus = FUZZ / "corpus" / target
    subprocess.run(["nice", "-n", "19", str(BIN / target), str(merged), str(corpus), str(FUZZ / "work" / target),
                    str(FUZZ / "seeds" / target), "-merge=1", "-use_counters=0", "-use_value_profile=0",
                    f"-max_len={PLAN[target][3]}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    pack(target, merged)
    curve = thin(run.known_curve()) or run.curve
    history = {"executions": run.prior + run.executions, "cov": curve[-1][1] if curve else None,
               "curve": [list(p) for p in curve]}
    (MINIMISED / f"{target}.json").write_text(json.dumps(history) + "\n")
    named = {f.name: f.read_bytes() for f in corpus.iterdir()
             if not f.name.startswith("seed-") and not re.fullmatch(r"[0-9a-f]{40}", f.name)}
    shutil.rmtree(corpus)
    corpus.mkdir()
    for name, data in named.items():
        (corpus / name).write_bytes(data)
    for f in (FUZZ / "seeds" / target).iterdir():
        shutil.copy(f, corpus / f"seed-{f.name}")
    for f in sorted(merged.iterdir(), key=lambda p: p.stat().st_size, reverse=True)[:keep]:
        shutil.copy(f, corpus / f.name)


def summary(done, targets, began, lanes):
    """The table of the finished targets, also written to summary.md."""
    head = ["target", "executions", "wall", "CPU", "cov (first → last)", "ft", "cov last grew at (execution)",
            "cov at half the total executions (growth since)", "result"]
    rows = [r.summary() for r in sorted(done, key=lambda r: targets.index(r.target))]
    total_cpu = sum(r.cpu for r in done)
    table = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in rows]
    table.append(f"\n{total_cpu / 3600:.2f} CPU-hours in {(time.time() - began) / 3600:.2f} hours on {lanes} lanes.")
    text = "\n".join(table) + "\n"
    (WORK / "summary.md").write_text(text)
    return text


def interrupt(*_):
    """SIGTERM handler: unwinds the campaign as Ctrl-C does."""
    raise KeyboardInterrupt


def run_all(pending, running, done, args, began, targets):
    """Starts targets as lanes free up until every one has ended (a
    target takes a lane for each of its processes)."""
    while pending or running:
        while pending and (len(running) + 1) * args.jobs <= max(args.lanes, args.jobs):
            running.append(Run(pending.pop(0), args.scale, args.jobs))
            print(f"[{(time.time() - began) / 60:6.1f} min] started {running[-1].target}", flush=True)
        time.sleep(5)
        for run in [r for r in running if r.poll()]:
            running.remove(run)
            done.append(run)
            print(f"[{(time.time() - began) / 60:6.1f} min] {run.target}: {run.status}, "
                  f"{run.cpu / 60:.0f} CPU min", flush=True)
            # Written after every target, so a campaign cut short keeps
            # the figures of the targets it finished.
            summary(done, targets, began, args.lanes)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every budget (default 1)")
    ap.add_argument("--lanes", type=int, default=os.cpu_count() or 2, help="processes run at once (default: cores)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="libFuzzer processes per target, sharing its working corpus (default 1)")
    ap.add_argument("--targets", default=",".join(PLAN), help="comma-separated targets (default: all)")
    ap.add_argument("--merge", action="store_true", help="replace each clean target's committed corpus")
    ap.add_argument("--no-build", action="store_true", help="use the targets already built")
    args = ap.parse_args()
    if args.jobs < 1:
        sys.exit("--jobs must be at least 1")
    targets = [t for t in args.targets.split(",") if t]
    unknown = [t for t in targets if t not in PLAN]
    if unknown:
        sys.exit(f"unknown targets: {', '.join(unknown)}; known: {', '.join(PLAN)}")
    if not args.no_build:
        build()
    WORK.mkdir(parents=True, exist_ok=True)
    pending, running, done = list(targets), [], []
    began = time.time()
    # SIGTERM (a session or machine shutting down) stops the running
    # targets as SIGINT does, and the table still gets written.
    signal.signal(signal.SIGTERM, interrupt)
    try:
        run_all(pending, running, done, args, began, targets)
    except KeyboardInterrupt:
        for run in running:
            run.stop(early=True)
            done.append(run)
        pending.clear()
        print(f"[{(time.time() - began) / 60:6.1f} min] interrupted; not run: {', '.join(t for t in targets if t not in [r.target for r in done]) or 'none'}", flush=True)
    table = summary(done, targets, began, args.lanes)
    print(table)
    if args.merge:
        for run in done:
            if not run.status.startswith("FAILED"):
                merge(run)
    sys.exit(1 if any(r.status.startswith("FAILED") for r in done) else 0)


if __name__ == "__main__":
    main()
