#!/usr/bin/python3
"""Per-node /proc/stat, /proc/meminfo and /proc/loadavg for the testbed's node_exporters.

All node_exporters of the testbed run on one host. Each one reads its own
directory DIR/<node> as procfs (node_exporter --path.procfs), in which this
program rewrites stat, meminfo and loadavg once a second from a fixed per-node
profile. So CPU use, memory use and load differ per node, and the metrics still
come from a real node_exporter through a real Prometheus. start-testbed.sh makes
the other entries of DIR/<node> symlinks to the real /proc.

Profile of a node: BUSY_PERCENT:MEMORY_USED_PERCENT:LOAD1:CPUS:MEM_TOTAL_BYTES
  stat     CPUS fake CPUs. Each CPU spends BUSY_PERCENT of every second in user
           (85 %) and system (15 %) mode and the rest in idle. The counters are
           seconds since the host's boot time (btime) times that share, in
           USER_HZ ticks, so they only grow and rate() over them is constant.
           The lines other than the cpu lines are copied from the real /proc/stat.
  meminfo  MemTotal = MEM_TOTAL_BYTES, and MemAvailable = MemFree + Buffers +
           Cached = (100 - MEMORY_USED_PERCENT) % of it, so both usual formulas
           for used memory give MEMORY_USED_PERCENT.
  loadavg  LOAD1, 0.9 x LOAD1 and 0.8 x LOAD1 (load1, load5, load15), so a
           mix-up of the three shows.
Each file is replaced atomically (written to a temporary file, then renamed),
so a scrape never reads half a file.

Usage: procfs_updater.py DIR NODE=BUSY_PERCENT:MEMORY_USED_PERCENT:LOAD1:CPUS:MEM_TOTAL_BYTES ...
"""
import os
import sys
import time

# node_exporter's procfs library converts /proc/stat ticks with a fixed USER_HZ of 100
USER_HZ = 100
USER_SHARE_OF_BUSY = 0.85
INTERVAL_SECONDS = 1.0


class Profile:
    """Fixed figures of one node, parsed from BUSY:MEM:LOAD1:CPUS:MEM_TOTAL_BYTES."""

    def __init__(self, node, spec):
        fields = spec.split(":")
        if len(fields) != 5:
            raise ValueError("profile of %s must be BUSY:MEM:LOAD1:CPUS:MEM_TOTAL_BYTES, got '%s'" % (node, spec))
        self.node = node
        self.busy = float(fields[0]) / 100
        self.mem_used = float(fields[1]) / 100
        self.load1 = float(fields[2])
        self.cpus = int(fields[3])
        self.mem_total_kb = int(fields[4]) // 1024
        if not (0 <= self.busy <= 1 and 0 <= self.mem_used <= 1 and self.load1 >= 0
                and self.cpus >= 1 and self.mem_total_kb >= 1024):
            raise ValueError("profile of %s is out of range: '%s'" % (node, spec))


def read_text(path):
    with open(path) as f:
        return f.read()


def write_atomically(path, text):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def render_stat(profile, real_stat, now):
    other_lines = [line for line in real_stat.splitlines() if not line.startswith("cpu")]
    btime = next(int(line.split()[1]) for line in other_lines if line.startswith("btime "))
    ticks = max(now - btime, 0) * USER_HZ
    user = int(ticks * profile.busy * USER_SHARE_OF_BUSY)
    system = int(ticks * profile.busy * (1 - USER_SHARE_OF_BUSY))
    idle = int(ticks * (1 - profile.busy))
    # fields: user nice system idle iowait irq softirq steal guest guest_nice
    per_cpu = "%d 0 %d %d 0 0 0 0 0 0" % (user, system, idle)
    total = "%d 0 %d %d 0 0 0 0 0 0" % (user * profile.cpus, system * profile.cpus, idle * profile.cpus)
    lines = ["cpu  " + total]
    lines += ["cpu%d %s" % (i, per_cpu) for i in range(profile.cpus)]
    return "\n".join(lines + other_lines) + "\n"


def render_meminfo(profile):
    total = profile.mem_total_kb
    used = int(total * profile.mem_used)
    available = total - used
    free = int(available * 0.45)
    buffers = int(available * 0.05)
    cached = available - free - buffers
    anon = int(used * 0.85)
    slab = int(used * 0.05)
    values = [
        ("MemTotal", total), ("MemFree", free), ("MemAvailable", available),
        ("Buffers", buffers), ("Cached", cached), ("SwapCached", 0),
        ("Active", int(anon * 0.7 + cached * 0.5)), ("Inactive", int(anon * 0.3 + cached * 0.5)),
        ("Active(anon)", int(anon * 0.7)), ("Inactive(anon)", int(anon * 0.3)),
        ("Active(file)", int(cached * 0.5)), ("Inactive(file)", int(cached * 0.5)),
        ("Unevictable", 0), ("Mlocked", 0), ("SwapTotal", 0), ("SwapFree", 0),
        ("Dirty", 0), ("Writeback", 0), ("AnonPages", anon), ("Mapped", int(cached * 0.1)),
        ("Shmem", int(cached * 0.02)), ("KReclaimable", int(slab * 0.4)), ("Slab", slab),
        ("SReclaimable", int(slab * 0.4)), ("SUnreclaim", slab - int(slab * 0.4)),
        ("KernelStack", 8192), ("PageTables", int(used * 0.01)),
        ("CommitLimit", total // 2), ("Committed_AS", int(used * 1.2)),
        ("VmallocTotal", 34359738367), ("VmallocUsed", 16384), ("VmallocChunk", 0),
        ("HardwareCorrupted", 0), ("AnonHugePages", 0),
    ]
    lines = ["%-16s%8d kB" % (name + ":", value) for name, value in values]
    # the huge page counts have no unit in the real file
    lines += ["HugePages_Total:       0", "HugePages_Free:        0",
              "HugePages_Rsvd:        0", "HugePages_Surp:        0",
              "%-16s%8d kB" % ("Hugepagesize:", 2048)]
    return "\n".join(lines) + "\n"


def render_loadavg(profile, real_loadavg):
    # real fields 4 and 5: runnable/total scheduling entities, last PID
    fields = real_loadavg.split()
    threads = fields[3].split("/")[1]
    running = max(1, round(profile.load1))
    return "%.2f %.2f %.2f %d/%s %s\n" % (
        profile.load1, profile.load1 * 0.9, profile.load1 * 0.8, running, threads, fields[4])


def update(directory, profiles):
    # the loop below wakes a few ms after each whole second: count up to exactly that second
    now = round(time.time())
    real_stat = read_text("/proc/stat")
    real_loadavg = read_text("/proc/loadavg")
    for profile in profiles:
        node_dir = os.path.join(directory, profile.node)
        write_atomically(os.path.join(node_dir, "stat"), render_stat(profile, real_stat, now))
        write_atomically(os.path.join(node_dir, "meminfo"), render_meminfo(profile))
        write_atomically(os.path.join(node_dir, "loadavg"), render_loadavg(profile, real_loadavg))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    directory = argv[0]
    try:
        profiles = [Profile(*arg.split("=", 1)) for arg in argv[1:]]
    except (TypeError, ValueError) as e:
        print("procfs_updater: invalid profile: %s" % e, file=sys.stderr)
        return 2
    for profile in profiles:
        os.makedirs(os.path.join(directory, profile.node), exist_ok=True)
    print("procfs updater writing %s under %s every %.0f s"
          % (", ".join(a.split("=", 1)[0] for a in argv[1:]), directory, INTERVAL_SECONDS),
          file=sys.stderr, flush=True)
    failing = False
    while True:
        try:
            update(directory, profiles)
            if failing:
                print("procfs updater: writing works again", file=sys.stderr, flush=True)
            failing = False
        except (OSError, StopIteration, IndexError, ValueError) as e:
            # keep running, and log a failure once until it clears
            if not failing:
                print("procfs updater: update failed: %r" % e, file=sys.stderr, flush=True)
            failing = True
        # Wake on whole seconds. Prometheus scrapes each target at a fixed phase, so every
        # scrape reads a file of the same age and rate() gets no jitter from the update time.
        time.sleep(INTERVAL_SECONDS - time.time() % INTERVAL_SECONDS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
