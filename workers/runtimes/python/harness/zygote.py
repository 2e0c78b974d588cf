"""The warm process of one executor slot (the "zygote").

It imports numpy and the harness once, then forks one child per run. It never runs learner code itself:
the child does, after dropping what it must (child.py). The zygote relays bytes between the trusted
parent (Node, on fds 0 and 1) and the current child (on two pipes made fresh for that child), so nothing a
child leaves behind (unread input, half-written frames) can reach the next child. It reports the child's
exit status and resource usage itself: the child has no access to the zygote's channel, so it cannot
forge one of these reports.

Envelope on fds 0 and 1, big-endian: length u32 (of what follows), kind u8, run id u32, payload.

No payload byte ever enters the zygote's heap, since every child is a fork of it: a run's configuration
(the learner's code, or a reference solution), its test frames and its children's answers pass through
anonymous mappings only (each payload from the parent in one of its own size, unmapped once relayed; a
child's output in one fixed buffer, zeroed after each chunk), and those mappings are wiped in every child
(MADV_WIPEONFORK). So the process learner code is forked from never held another run's data.
"""

import fcntl
import gc
import json
import mmap
import os
import resource
import selectors
import signal
import struct
import sys
import time

HEADER = struct.Struct(">IBI")
MAX_PAYLOAD = 256 * 1024 * 1024

# Parent → zygote.
FORK = 1  # payload: JSON run configuration (child.py)
DATA = 2  # payload: bytes for the child's stdin
KILL = 3  # SIGKILL the child
HOLD = 4  # payload: bytes for the child's stdin, kept here until RELEASE (answered with HELD once all arrived)
RELEASE = 5  # hand the held bytes to the child
# Zygote → parent.
READY = 0x81  # payload: JSON versions
FORKED = 0x82  # empty
OUTPUT = 0x83  # payload: when it was read (CLOCK), then bytes the child wrote on its stdout
EXITED = 0x84  # payload: JSON exit status and resource usage
HELD = 0x86  # empty: the HOLD payload is here, whole
RELEASED = 0x87  # payload: when the held bytes started on their way to the child (CLOCK)
FAILED = 0x85  # payload: JSON {"message"}: the zygote could not do what was asked

# A child's pipes hold 1 MiB (Linux's default unprivileged maximum) instead of 64 KiB, and bytes move in
# chunks of that size: a performance run's input and answer (1.4 MB and 0.7 MB of JSON for matmul's 256³)
# cross in a few wake-ups, not dozens, and every run is timed from its input's release to its answer.
CHUNK = 1 << 20
NOBODY = 65534
# A timed run's clock is read here, where no learner code runs: from RELEASED to the OUTPUT that completes its
# answer. Read in Node, it also held whatever kept the grader's event loop busy when the answer came (another
# job's parsing and comparing): at burst 19 of 270 Python gradings got no perf ratio (two runs disagreed by
# more than 1.5×), none when paced.
CLOCK = struct.Struct(">Q")  # CLOCK_MONOTONIC, nanoseconds


MADV_WIPEONFORK = 18  # Linux 4.14: a child sees the mapping as zeros


def write_all(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def send(kind, run_id, payload=b""):
    write_all(1, HEADER.pack(5 + len(payload), kind, run_id))
    if payload:
        write_all(1, payload)


def wiped_mapping(size):
    """An anonymous mapping that forked children see as zeros (data in it never reaches a child)."""
    mapping = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    try:
        mapping.madvise(MADV_WIPEONFORK)
    except OSError:
        pass  # an older kernel: the mapping is still unmapped or zeroed after use
    return mapping


class Inbox:
    """Envelopes from the parent, read so that no payload byte enters the heap: each header into a small
    buffer, each payload straight into a wiped mapping of its own size (the caller unmaps it after use)."""

    def __init__(self):
        self.header = bytearray(HEADER.size)
        self.header_got = 0
        self.envelope = None  # (kind, run_id, mapping) while its payload is read
        self.payload_got = 0

    def read(self):
        """Complete envelopes (kind, run id, mapping or None) from one wake-up; None at end of file."""
        done = []
        while True:
            try:
                if self.envelope is None:
                    with memoryview(self.header) as view:
                        count = os.readv(0, [view[self.header_got :]])
                else:
                    with memoryview(self.envelope[2]) as view:
                        count = os.readv(0, [view[self.payload_got :]])
            except BlockingIOError:
                return done
            if count == 0:
                return None
            if self.envelope is None:
                self.header_got += count
                if self.header_got < HEADER.size:
                    continue
                self.header_got = 0
                length, kind, run_id = HEADER.unpack(self.header)
                if not 5 <= length <= MAX_PAYLOAD:
                    raise ValueError(f"envelope of {length} bytes")
                if length == 5:
                    done.append((kind, run_id, None))
                else:
                    self.envelope = (kind, run_id, wiped_mapping(length - 5))
                    self.payload_got = 0
            else:
                self.payload_got += count
                if self.payload_got == len(self.envelope[2]):
                    done.append(self.envelope)
                    self.envelope = None


class Relay:
    """A child's output on its way to the parent, through one wiped buffer zeroed after every chunk."""

    def __init__(self):
        self.buffer = wiped_mapping(CHUNK)
        self.zeros = bytes(CHUNK)

    def forward(self, fd, run_id):
        """Relays one chunk read from `fd`; False at end of file."""
        with memoryview(self.buffer) as view:
            count = os.readv(fd, [view])
            if count:
                write_all(1, HEADER.pack(5 + CLOCK.size + count, OUTPUT, run_id) + CLOCK.pack(time.monotonic_ns()))
                write_all(1, view[:count])
                view[:count] = self.zeros[:count]
        return count > 0


def send_json(kind, run_id, value):
    send(kind, run_id, json.dumps(value).encode())


class Child:
    def __init__(self, run_id, pid, stdin_fd, stdout_fd):
        self.run_id = run_id
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)
        self.stdin_fd = stdin_fd
        self.stdout_fd = stdout_fd
        self.pending = []  # [mapping, bytes of it already written] of DATA payloads, in order
        self.held = None  # a HOLD payload (a mapping) waiting for RELEASE


class Spare:
    """A child forked ahead of its run, while the zygote is idle: it waits on fd 3 for its configuration.

    Forking a process that holds numpy costs more than the rest of a small run (measured: 21.6 ms for fork,
    exit and wait on a loaded 2-core machine, against 6 ms of CPU in the child), so it is done between runs
    instead of on a submission's path. The spare has dropped nothing yet, but runs nothing but a read of its
    configuration; at most one spare or one running child exists, so reaping after a run never meets a spare.
    """

    def __init__(self, child_main):
        to_child_r, self.stdin_fd = os.pipe()
        self.stdout_fd, from_child_w = os.pipe()
        for fd in (self.stdin_fd, self.stdout_fd):
            try:
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, CHUNK)
            except OSError:
                pass  # a lower pipe-max-size: the default size still works, in more wake-ups
        config_r, self.config_fd = os.pipe()
        # The child's fd 2: a pipe nobody reads from (its read end closed), so stray writes fail at once.
        dead_r, dead_w = os.pipe()
        os.close(dead_r)
        self.pid = os.fork()
        if self.pid == 0:
            try:
                os.dup2(to_child_r, 0)
                os.dup2(from_child_w, 1)
                os.dup2(dead_w, 2)
                os.dup2(config_r, 3)
                os.closerange(4, 65536)
                config = read_config(3)
                if config is not None:
                    child_main(config)
            finally:
                os._exit(70)
        for fd in (to_child_r, from_child_w, config_r, dead_w):
            os.close(fd)

    def start(self, run_id, config_payload):
        """Hands the spare its configuration (a mapping, unmapped by the caller): it becomes the run's child."""
        with memoryview(config_payload) as view:
            write_all(self.config_fd, view)
        os.close(self.config_fd)
        os.set_blocking(self.stdin_fd, False)
        return Child(run_id, self.pid, self.stdin_fd, self.stdout_fd)

    def discard(self):
        os.close(self.config_fd)  # the spare reads end of file and exits
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.stdin_fd)
        os.close(self.stdout_fd)


def read_config(fd):
    """The JSON configuration written by the zygote, or None when it closed the pipe without one."""
    data = bytearray()
    while True:
        chunk = os.read(fd, CHUNK)
        if not chunk:
            break
        data += chunk
    os.close(fd)
    return json.loads(data) if data else None


def new_spare(child_main):
    """A spare, or None when fork failed (the next run forks its child then, and reports a failure)."""
    try:
        return Spare(child_main)
    except OSError:
        return None


def reap_everything():
    """After a child ended: as PID 1 of the sandbox, kill whatever it may have left and reap it."""
    if os.getpid() == 1:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def finish(child, selector, relay):
    _, status, usage = os.wait4(child.pid, 0)
    reap_everything()
    for fd in (child.pidfd, child.stdin_fd, child.stdout_fd):
        try:
            selector.unregister(fd)
        except (KeyError, ValueError):
            pass
    # Every writer is gone: what is left in the pipe is the child's last output, then end of file.
    os.set_blocking(child.stdout_fd, True)
    while relay.forward(child.stdout_fd, child.run_id):
        pass
    for fd in (child.pidfd, child.stdin_fd, child.stdout_fd):
        os.close(fd)
    drop_pending(child)
    own = resource.getrusage(resource.RUSAGE_SELF)
    send_json(
        EXITED,
        child.run_id,
        {
            "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "cpuMs": round((usage.ru_utime + usage.ru_stime) * 1000, 3),
            "maxRssKb": usage.ru_maxrss,
            "zygoteCpuMs": round((own.ru_utime + own.ru_stime) * 1000, 3),
        },
    )


def serve(versions, child_main):
    selector = selectors.DefaultSelector()
    os.set_blocking(0, False)
    selector.register(0, selectors.EVENT_READ, "parent")
    inbox = Inbox()
    relay = Relay()
    child = None
    spare = new_spare(child_main)
    send_json(READY, 0, versions)
    while True:
        for key, events in selector.select():
            if key.data == "parent":
                envelopes = inbox.read()
                if envelopes is None:
                    if child is not None:
                        os.kill(child.pid, signal.SIGKILL)
                    if spare is not None:
                        spare.discard()
                    return
                for kind, run_id, payload in envelopes:
                    if kind == FORK and child is None:
                        child, spare = start_child(run_id, payload, child_main, spare, selector)
                    else:
                        child = handle(kind, run_id, payload, child, selector)
            elif child is None or key.fd not in (child.pidfd, child.stdin_fd, child.stdout_fd):
                continue  # an event of a child that already ended within this same wake-up
            elif key.data == "exited":
                finish(child, selector, relay)
                child = None
                spare = new_spare(child_main)
            elif key.data == "output":
                if not relay.forward(child.stdout_fd, child.run_id):
                    selector.unregister(child.stdout_fd)
            elif key.data == "input" and events & selectors.EVENT_WRITE:
                flush_input(child, selector)


def start_child(run_id, payload, child_main, spare, selector):
    """(the run's child, the spare left) for a FORK request: the spare becomes the child when there is one,
    else a child is forked now. A failed fork is reported as FAILED (child None). The configuration is never
    parsed here (it stays in its mapping): a malformed one makes the child exit at once."""
    if payload is None:
        send_json(FAILED, run_id, {"message": "fork failed: no configuration"})
        return None, spare
    try:
        child = (spare or Spare(child_main)).start(run_id, payload)
    except OSError as error:
        if spare is not None:
            spare.discard()
        send_json(FAILED, run_id, {"message": f"fork failed: {type(error).__name__}: {error}"})
        return None, None
    finally:
        payload.close()
    selector.register(child.pidfd, selectors.EVENT_READ, "exited")
    selector.register(child.stdout_fd, selectors.EVENT_READ, "output")
    send(FORKED, run_id)
    return child, None


def handle(kind, run_id, payload, child, selector):
    if kind == FORK:
        send_json(FAILED, run_id, {"message": "a child is still running"})
    elif child is not None and child.run_id == run_id and kind == DATA and payload is not None:
        child.pending.append([payload, 0])
        flush_input(child, selector)
        return child
    elif child is not None and child.run_id == run_id and kind == HOLD and payload is not None:
        # A run's input waits here, where no learner code runs, so that the run's clock (this process's, from
        # RELEASED) does not hold its crossing from the parent (child-run.ts).
        if child.held is not None:
            child.held.close()
        child.held = payload
        send(HELD, run_id)
        return child
    elif child is not None and child.run_id == run_id and kind == RELEASE:
        send(RELEASED, run_id, CLOCK.pack(time.monotonic_ns()))
        if child.held is not None:
            child.pending.append([child.held, 0])
            child.held = None
            flush_input(child, selector)
        return child
    elif child is not None and child.run_id == run_id and kind == KILL:
        os.kill(child.pid, signal.SIGKILL)
    # Late bytes or a late kill for a run that already ended.
    if payload is not None:
        payload.close()
    return child


def drop_pending(child):
    for mapping, _ in child.pending:
        mapping.close()
    child.pending.clear()
    if child.held is not None:
        child.held.close()
        child.held = None


def flush_input(child, selector):
    try:
        while child.pending:
            entry = child.pending[0]
            mapping, offset = entry
            with memoryview(mapping) as view:
                written = os.write(child.stdin_fd, view[offset : offset + CHUNK])
            entry[1] += written
            if entry[1] == len(mapping):
                mapping.close()
                child.pending.pop(0)
    except BlockingIOError:
        pass
    except BrokenPipeError:
        drop_pending(child)  # the child closed its stdin or died: its exit is reported by the pidfd
    registered = child.stdin_fd in selector.get_map()
    if child.pending and not registered:
        selector.register(child.stdin_fd, selectors.EVENT_WRITE, "input")
    elif not child.pending and registered:
        selector.unregister(child.stdin_fd)


def main():
    # Signals from inside the sandbox must not stop the zygote: as PID 1 it only receives the signals it
    # handles, so it handles none (SIGINT back to the default, which PID 1 ignores).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    harness_dir = os.path.dirname(os.path.abspath(__file__))
    numpy_parent = sys.argv[1]
    sys.path[:0] = [harness_dir, numpy_parent]
    import child  # noqa: E402  (imports numpy and prepares the restrictions)

    versions = child.warm_up()
    if "error" in versions:
        send_json(FAILED, 0, {"message": versions["error"]})
        return
    if os.getuid() == 0:
        # Started as root (bubblewrap without a user namespace, or rlimits only): every child is forked after
        # this, as nobody on the host.
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        child.restrict.make_undumpable()
    versions["uid"] = os.getuid()
    # Answers cross to the parent in one write when they can: a write that blocks on a full pipe (the parent's
    # event loop busy) would delay reading the rest of an answer, and so its time.
    try:
        fcntl.fcntl(1, fcntl.F_SETPIPE_SZ, CHUNK)
    except OSError:
        pass  # a lower pipe-max-size: the default size still works
    # Objects that exist now never change: keep the collector from touching them in every child (fewer
    # copy-on-write pages after fork).
    gc.collect()
    gc.freeze()
    serve(versions, child.child_main)


if __name__ == "__main__":
    main()
