"""The warm process of one executor slot (the "zygote").

It imports numpy and the harness once, then forks one child per run. It never runs learner code itself:
the child does, after dropping what it must (child.py). The zygote relays bytes between the trusted
parent (Node, on fds 0 and 1) and the current child (on two pipes made fresh for that child), so nothing a
child leaves behind (unread input, half-written frames) can reach the next child. It reports the child's
exit status and resource usage itself: the child has no access to the zygote's channel, so it cannot
forge one of these reports.

Envelope on fds 0 and 1, big-endian: length u32 (of what follows), kind u8, run id u32, payload.
"""

import gc
import json
import os
import resource
import selectors
import signal
import struct
import sys

HEADER = struct.Struct(">IBI")
MAX_PAYLOAD = 256 * 1024 * 1024

# Parent → zygote.
FORK = 1  # payload: JSON run configuration (child.py)
DATA = 2  # payload: bytes for the child's stdin
KILL = 3  # SIGKILL the child
# Zygote → parent.
READY = 0x81  # payload: JSON versions
FORKED = 0x82  # empty
OUTPUT = 0x83  # payload: bytes the child wrote on its stdout
EXITED = 0x84  # payload: JSON exit status and resource usage
FAILED = 0x85  # payload: JSON {"message"}: the zygote could not do what was asked

CHUNK = 256 * 1024
NOBODY = 65534


def write_all(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def send(kind, run_id, payload=b""):
    write_all(1, HEADER.pack(5 + len(payload), kind, run_id) + payload)


def send_json(kind, run_id, value):
    send(kind, run_id, json.dumps(value).encode())


class Child:
    def __init__(self, run_id, pid, stdin_fd, stdout_fd):
        self.run_id = run_id
        self.pid = pid
        self.pidfd = os.pidfd_open(pid)
        self.stdin_fd = stdin_fd
        self.stdout_fd = stdout_fd
        self.pending = bytearray()


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
        """Hands the spare its configuration: it becomes the run's child."""
        write_all(self.config_fd, config_payload)
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


def finish(child, selector):
    _, status, usage = os.wait4(child.pid, 0)
    reap_everything()
    for fd in (child.pidfd, child.stdin_fd, child.stdout_fd):
        try:
            selector.unregister(fd)
        except (KeyError, ValueError):
            pass
    # Every writer is gone: what is left in the pipe is the child's last output, then end of file.
    while True:
        chunk = os.read(child.stdout_fd, CHUNK)
        if not chunk:
            break
        send(OUTPUT, child.run_id, chunk)
    for fd in (child.pidfd, child.stdin_fd, child.stdout_fd):
        os.close(fd)
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
    selector.register(0, selectors.EVENT_READ, "parent")
    inbox = bytearray()
    child = None
    spare = new_spare(child_main)
    send_json(READY, 0, versions)
    while True:
        for key, events in selector.select():
            if key.data == "parent":
                chunk = os.read(0, CHUNK)
                if not chunk:
                    if child is not None:
                        os.kill(child.pid, signal.SIGKILL)
                    if spare is not None:
                        spare.discard()
                    return
                inbox += chunk
                while len(inbox) >= HEADER.size:
                    length, kind, run_id = HEADER.unpack_from(inbox)
                    if not 5 <= length <= MAX_PAYLOAD:
                        raise ValueError(f"envelope of {length} bytes")
                    if len(inbox) < 4 + length:
                        break
                    payload = bytes(inbox[HEADER.size : 4 + length])
                    del inbox[: 4 + length]
                    if kind == FORK and child is None:
                        child, spare = start_child(run_id, payload, child_main, spare, selector)
                    else:
                        child = handle(kind, run_id, payload, child, selector)
            elif child is None or key.fd not in (child.pidfd, child.stdin_fd, child.stdout_fd):
                continue  # an event of a child that already ended within this same wake-up
            elif key.data == "exited":
                finish(child, selector)
                child = None
                spare = new_spare(child_main)
            elif key.data == "output":
                chunk = os.read(child.stdout_fd, CHUNK)
                if chunk:
                    send(OUTPUT, child.run_id, chunk)
                else:
                    selector.unregister(child.stdout_fd)
            elif key.data == "input" and events & selectors.EVENT_WRITE:
                flush_input(child, selector)


def start_child(run_id, payload, child_main, spare, selector):
    """(the run's child, the spare left) for a FORK request: the spare becomes the child when there is one,
    else a child is forked now. A malformed request or a failed fork is reported as FAILED (child None)."""
    try:
        json.loads(payload)  # a malformed request is refused before any process is used
    except ValueError as error:
        send_json(FAILED, run_id, {"message": f"fork failed: {type(error).__name__}: {error}"})
        return None, spare
    try:
        child = (spare or Spare(child_main)).start(run_id, payload)
    except OSError as error:
        if spare is not None:
            spare.discard()
        send_json(FAILED, run_id, {"message": f"fork failed: {type(error).__name__}: {error}"})
        return None, None
    selector.register(child.pidfd, selectors.EVENT_READ, "exited")
    selector.register(child.stdout_fd, selectors.EVENT_READ, "output")
    send(FORKED, run_id)
    return child, None


def handle(kind, run_id, payload, child, selector):
    if kind == FORK:
        send_json(FAILED, run_id, {"message": "a child is still running"})
        return child
    if child is None or child.run_id != run_id:
        return child  # late bytes or a late kill for a run that already ended
    if kind == DATA:
        child.pending += payload
        flush_input(child, selector)
    elif kind == KILL:
        os.kill(child.pid, signal.SIGKILL)
    return child


def flush_input(child, selector):
    try:
        while child.pending:
            written = os.write(child.stdin_fd, child.pending[:CHUNK])
            del child.pending[:written]
    except BlockingIOError:
        pass
    except BrokenPipeError:
        child.pending.clear()  # the child closed its stdin or died: its exit is reported by the pidfd
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
    # Objects that exist now never change: keep the collector from touching them in every child (fewer
    # copy-on-write pages after fork).
    gc.collect()
    gc.freeze()
    serve(versions, child.child_main)


if __name__ == "__main__":
    main()
