// Preloaded (node --import) into every sandboxed node process before its main script: a process started by a
// root grader becomes nobody (65534:65534, no supplementary groups) before it loads any other code, so an
// executor never holds root on the host while it reads a request or runs a learner's code. Setting the uid
// from 0 to another clears every capability the process had (it keeps none across the change).
// Under bubblewrap as root this runs with CAP_SETUID and CAP_SETGID only (see launcher.ts); without them the
// calls throw and the process exits before its main script runs.
const NOBODY = 65534;

if (process.getuid?.() === 0) {
  process.setgroups?.([]);
  process.setgid?.(NOBODY);
  process.setuid?.(NOBODY);
  if (process.getuid?.() === 0 || process.geteuid?.() === 0) throw new Error("could not drop root privileges");
}
