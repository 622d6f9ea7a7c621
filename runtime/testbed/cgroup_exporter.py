#!/usr/bin/python3
"""Test-only Slurm job cgroup exporter for the testbed.

Exposes the metric names and labels of treydock/cgroup_exporter (cgroup v1
collector, job level: cgroup="/slurm/uid_<uid>/job_<jobid>") for the jobs that
are really running on each emulated Slurm node. One HTTP listener per node, on
loopback only.

Data sources, per node and per scrape:
  cgroup mode: real Slurm cgroups, /sys/fs/cgroup/{cpuacct,memory,cpuset}/
               slurm_<node>/uid_<uid>/job_<jobid>  (Slurm built with
               multiple-slurmd puts each node under slurm_<nodename>)
  proc mode:   no cgroups: processes whose environment has SLURM_JOB_ID and
               SLURMD_NODENAME=<node>, summed per job from /proc (utime,
               stime, RSS); memory_total from SLURM_MEM_PER_NODE/_PER_CPU.
Usage: cgroup_exporter.py NODE=PORT [NODE=PORT ...]
Env:   CGROUP_ROOT (/sys/fs/cgroup), CGROUP_LABEL_PREFIX (/slurm),
       LISTEN_ADDR (127.0.0.1)
"""
import glob
import os
import pwd
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CG = os.environ.get("CGROUP_ROOT", "/sys/fs/cgroup")
PREFIX = os.environ.get("CGROUP_LABEL_PREFIX", "/slurm")
ADDR = os.environ.get("LISTEN_ADDR", "127.0.0.1")
HZ = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

METRICS = [  # name, type, help (help texts as in treydock/cgroup_exporter)
    ("cgroup_cpu_user_seconds", "counter", "Cumalitive CPU user seconds for cgroup"),
    ("cgroup_cpu_system_seconds", "counter", "Cumalitive CPU system seconds for cgroup"),
    ("cgroup_cpu_total_seconds", "counter", "Cumalitive CPU total seconds for cgroup"),
    ("cgroup_cpus", "gauge", "Number of CPUs in the cgroup"),
    ("cgroup_cpu_info", "gauge", "Information about the cgroup CPUs"),
    ("cgroup_memory_rss_bytes", "gauge", "Memory RSS used in bytes"),
    ("cgroup_memory_cache_bytes", "gauge", "Memory cache used in bytes"),
    ("cgroup_memory_used_bytes", "gauge", "Memory used in bytes"),
    ("cgroup_memory_total_bytes", "gauge", "Memory total given to cgroup in bytes"),
    ("cgroup_memory_fail_count", "gauge", "Memory fail count"),
    ("cgroup_memsw_used_bytes", "gauge", "Swap used in bytes"),
    ("cgroup_memsw_total_bytes", "gauge", "Swap total given to cgroup in bytes"),
    ("cgroup_memsw_fail_count", "gauge", "Swap fail count"),
    ("cgroup_info", "gauge", "User slice information"),
    ("cgroup_exporter_collect_error", "gauge", "Indicates collection error, 0=no error, 1=error"),
]


def _read(path, default=None):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def _num(path, default=0.0):
    v = _read(path)
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def _kv(path):
    out = {}
    for line in (_read(path, "") or "").splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                pass
    return out


def _cpulist(s):
    cpus = []
    for r in (s or "").split(","):
        r = r.strip()
        if not r:
            continue
        if "-" in r:
            a, b = r.split("-", 1)
            cpus.extend(range(int(a), int(b) + 1))
        else:
            cpus.append(int(r))
    return [str(c) for c in cpus]


def _username(uid):
    try:
        return pwd.getpwuid(int(uid)).pw_name
    except (KeyError, ValueError):
        return ""


def collect_cgroup(node):
    base = "slurm_" + node
    jobs = []
    for job_dir in sorted(glob.glob(os.path.join(CG, "cpuacct", base, "uid_*", "job_*"))):
        m = re.search(r"/uid_(\d+)/job_(\d+)$", job_dir)
        if not m:
            continue
        uid, jobid = m.group(1), m.group(2)
        rel = "/%s/uid_%s/job_%s" % (base, uid, jobid)
        mem = os.path.join(CG, "memory") + rel
        st = _kv(job_dir + "/cpuacct.stat")
        ms = _kv(mem + "/memory.stat")
        cpus = _cpulist(_read(os.path.join(CG, "cpuset") + rel + "/cpuset.cpus", ""))
        jobs.append({
            "uid": uid, "jobid": jobid,
            "cpu_user": st.get("user", 0) / HZ,
            "cpu_system": st.get("system", 0) / HZ,
            "cpu_total": _num(job_dir + "/cpuacct.usage") / 1e9,
            "cpus": cpus,
            "rss": ms.get("total_rss", 0), "cache": ms.get("total_cache", 0),
            "used": _num(mem + "/memory.usage_in_bytes"),
            "total": _num(mem + "/memory.limit_in_bytes"),
            "failcnt": _num(mem + "/memory.failcnt"),
            "memsw_used": _num(mem + "/memory.memsw.usage_in_bytes"),
            "memsw_total": _num(mem + "/memory.memsw.limit_in_bytes"),
            "memsw_failcnt": _num(mem + "/memory.memsw.failcnt"),
        })
    return jobs


def collect_proc(node):
    jobs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % pid, "rb") as f:
                env = dict(e.split(b"=", 1) for e in f.read().split(b"\0") if b"=" in e)
            if env.get(b"SLURMD_NODENAME", b"").decode() != node or b"SLURM_JOB_ID" not in env:
                continue
            with open("/proc/%s/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            utime, stime = int(fields[11]), int(fields[12])
            with open("/proc/%s/statm" % pid) as f:
                rss = int(f.read().split()[1]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
        jobid = env[b"SLURM_JOB_ID"].decode()
        j = jobs.setdefault(jobid, {
            "uid": env.get(b"SLURM_JOB_UID", b"").decode() or str(os.stat("/proc/" + pid).st_uid),
            "jobid": jobid, "cpu_user": 0.0, "cpu_system": 0.0, "cpu_total": 0.0,
            "cpus": [], "rss": 0.0, "cache": 0.0, "used": 0.0, "total": 0.0,
            "failcnt": 0.0, "memsw_used": 0.0, "memsw_total": 0.0, "memsw_failcnt": 0.0,
            "ncpus": int(env.get(b"SLURM_CPUS_ON_NODE", b"0") or 0)})
        j["cpu_user"] += utime / HZ
        j["cpu_system"] += stime / HZ
        j["cpu_total"] += (utime + stime) / HZ
        j["rss"] += rss
        j["used"] += rss
        mb = env.get(b"SLURM_MEM_PER_NODE")
        if mb:
            j["total"] = j["memsw_total"] = float(mb) * 1048576
        elif env.get(b"SLURM_MEM_PER_CPU"):
            j["total"] = j["memsw_total"] = float(env[b"SLURM_MEM_PER_CPU"]) * 1048576 * max(j["ncpus"], 1)
    out = list(jobs.values())
    for j in out:
        j["memsw_used"] = j["used"]
    return out


def render(node):
    mode = "cgroup" if os.path.isdir(os.path.join(CG, "cpuacct", "slurm_" + node)) else "proc"
    err = False
    try:
        jobs = collect_cgroup(node) if mode == "cgroup" else collect_proc(node)
    except Exception as e:  # keep serving, report the error like the real exporter
        print("collect error for %s: %r" % (node, e), file=sys.stderr)
        jobs, err = [], True
    lines = {name: [] for name, _, _ in METRICS}
    for j in jobs:
        cg = '%s/uid_%s/job_%s' % (PREFIX, j["uid"], j["jobid"])
        lab = 'cgroup="%s"' % cg
        ncpus = len(j["cpus"]) if j["cpus"] else j.get("ncpus", 0)
        vals = [("cgroup_cpu_user_seconds", j["cpu_user"]), ("cgroup_cpu_system_seconds", j["cpu_system"]),
                ("cgroup_cpu_total_seconds", j["cpu_total"]), ("cgroup_cpus", ncpus),
                ("cgroup_memory_rss_bytes", j["rss"]), ("cgroup_memory_cache_bytes", j["cache"]),
                ("cgroup_memory_used_bytes", j["used"]), ("cgroup_memory_total_bytes", j["total"]),
                ("cgroup_memory_fail_count", j["failcnt"]), ("cgroup_memsw_used_bytes", j["memsw_used"]),
                ("cgroup_memsw_total_bytes", j["memsw_total"]), ("cgroup_memsw_fail_count", j["memsw_failcnt"])]
        for name, v in vals:
            lines[name].append("%s{%s} %s" % (name, lab, repr(float(v)) if isinstance(v, float) else v))
        lines["cgroup_cpu_info"].append('cgroup_cpu_info{%s,cpus="%s"} 1' % (lab, ",".join(j["cpus"])))
        lines["cgroup_info"].append('cgroup_info{%s,jobid="%s",uid="%s",username="%s"} 1'
                                    % (lab, j["jobid"], j["uid"], _username(j["uid"])))
    if err:
        lines["cgroup_exporter_collect_error"].append('cgroup_exporter_collect_error{cgroup="%s"} 1' % PREFIX)
    out = []
    for name, typ, hlp in METRICS:
        if lines[name]:
            out.append("# HELP %s %s" % (name, hlp))
            out.append("# TYPE %s %s" % (name, typ))
            out.extend(lines[name])
    out.append("# HELP testbed_cgroup_exporter_mode 1 for the data source used (test-only exporter)")
    out.append("# TYPE testbed_cgroup_exporter_mode gauge")
    out.append('testbed_cgroup_exporter_mode{mode="%s",node="%s"} 1' % (mode, node))
    return "\n".join(out) + "\n"


def make_handler(node):
    class H(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path.split("?")[0] == "/metrics":
                body = render(node).encode()
                ctype = "text/plain; version=0.0.4; charset=utf-8"
                code = 200
            elif self.path == "/":
                body = b"<html><body>testbed cgroup exporter (" + node.encode() + b") <a href=/metrics>metrics</a></body></html>"
                ctype, code = "text/html", 200
            else:
                body, ctype, code = b"not found\n", "text/plain", 404
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass
    return H


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    servers = []
    for arg in argv:
        node, port = arg.split("=", 1)
        srv = ThreadingHTTPServer((ADDR, int(port)), make_handler(node))
        srv.daemon_threads = True
        servers.append(srv)
    for srv in servers[1:]:
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    print("cgroup exporter serving %s on %s" % (", ".join(argv), ADDR), file=sys.stderr, flush=True)
    servers[0].serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
