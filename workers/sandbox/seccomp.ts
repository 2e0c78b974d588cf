// The seccomp filter of the TypeScript executors (node + isolated-vm), as the classic BPF program bubblewrap
// installs with `--seccomp FD` just before it runs node. It denies what node and isolated-vm never need:
// new processes (clone without CLONE_THREAD, fork, vfork, clone3 answers ENOSYS so glibc falls back to clone
// for its threads), another program through execveat (execve itself is how bubblewrap starts node, so it
// stays: the sandbox's root holds node and nothing else to run), tracing and other processes' memory, new
// namespaces and mounts, and every kernel object that could outlive the executor or be shared with the
// next: SysV shared memory, semaphores and message queues, POSIX message queues, memfd, io_uring (libuv
// falls back to its thread pool), plus kernel keyrings, BPF, perf events, userfaultfd and module loading.
// Python children install their own, stricter filter (harness/restrict.py).

type Arch = { audit: number; x32Bit: number | null; clone: number; clone3: number; denied: readonly number[] };

const ARCHES: Record<string, Arch> = {
  x64: {
    audit: 0xc000003e,
    x32Bit: 0x40000000,
    clone: 56,
    clone3: 435,
    denied: [
      ...[57, 58, 322], // fork vfork execveat
      ...[101, 310, 311, 312], // ptrace process_vm_readv process_vm_writev kcmp
      ...[272, 308, 165, 166, 155, 161], // unshare setns mount umount2 pivot_root chroot
      ...[29, 30, 31, 67, 64, 65, 66, 220, 68, 69, 70, 71], // SysV shm, semaphores, message queues
      ...[240, 241, 242, 243, 244, 245, 319, 447], // mq_*, memfd_create, memfd_secret
      ...[425, 426, 427], // io_uring_setup io_uring_enter io_uring_register
      ...[248, 249, 250, 321, 298, 323, 175, 176, 313, 246, 320], // keys, bpf, perf, userfaultfd, modules, kexec
    ],
  },
  arm64: {
    audit: 0xc00000b7,
    x32Bit: null,
    clone: 220,
    clone3: 435,
    denied: [
      281, // execveat
      ...[117, 270, 271, 272], // ptrace process_vm_readv process_vm_writev kcmp
      ...[97, 268, 40, 39, 41, 51], // unshare setns mount umount2 pivot_root chroot
      ...[194, 196, 195, 197, 190, 193, 191, 192, 186, 189, 188, 187], // SysV shm, semaphores, message queues
      ...[180, 181, 182, 183, 184, 185, 279, 447], // mq_*, memfd_create, memfd_secret
      ...[425, 426, 427], // io_uring
      ...[217, 218, 219, 280, 241, 282, 105, 106, 273, 104, 294], // keys, bpf, perf, userfaultfd, modules, kexec
    ],
  },
};

const CLONE_THREAD = 0x10000;
const EPERM = 1;
const ENOSYS = 38;
const RET_KILL_PROCESS = 0x80000000;
const RET_ALLOW = 0x7fff0000;
const RET_ERRNO = 0x00050000;
// BPF opcodes: load word absolute, jump if equal / greater or equal / bits set, return.
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const JSET_K = 0x45;
const RET_K = 0x06;
// struct seccomp_data: nr u32, arch u32, instruction_pointer u64, args u64[6] (the low word first on these arches).
const NR_OFFSET = 0;
const ARCH_OFFSET = 4;
const ARG0_LOW_OFFSET = 16;

type Instruction = { code: number; k: number; jt?: string; jf?: string; label?: string };

function assemble(program: Instruction[]): Buffer {
  const at = new Map(program.flatMap((instruction, index) => (instruction.label ? [[instruction.label, index]] : [])));
  const out = Buffer.alloc(program.length * 8);
  program.forEach((instruction, index) => {
    const offset = (label: string | undefined): number => {
      if (label === undefined) return 0;
      const target = at.get(label);
      if (target === undefined || target <= index || target - index - 1 > 255) throw new Error(`bad jump ${label}`);
      return target - index - 1;
    };
    out.writeUInt16LE(instruction.code, index * 8);
    out.writeUInt8(offset(instruction.jt), index * 8 + 2);
    out.writeUInt8(offset(instruction.jf), index * 8 + 3);
    out.writeUInt32LE(instruction.k >>> 0, index * 8 + 4);
  });
  return out;
}

/** The filter for this machine's architecture (struct sock_filter[], native endianness), or null when unknown. */
export function executorSeccompProgram(arch: string = process.arch): Buffer | null {
  const spec = ARCHES[arch];
  if (!spec) return null;
  const program: Instruction[] = [
    { code: LD_W_ABS, k: ARCH_OFFSET },
    { code: JEQ_K, k: spec.audit, jf: "kill" },
    { code: LD_W_ABS, k: NR_OFFSET },
    ...(spec.x32Bit === null ? [] : [{ code: JGE_K, k: spec.x32Bit, jt: "deny" }]),
    { code: JEQ_K, k: spec.clone, jt: "clone" },
    { code: JEQ_K, k: spec.clone3, jt: "enosys" },
    ...spec.denied.map((nr) => ({ code: JEQ_K, k: nr, jt: "deny" })),
    { code: RET_K, k: RET_ALLOW, label: "allow" },
    { code: LD_W_ABS, k: ARG0_LOW_OFFSET, label: "clone" },
    { code: JSET_K, k: CLONE_THREAD, jt: "allow2" },
    { code: RET_K, k: RET_ERRNO | EPERM, label: "deny" },
    { code: RET_K, k: RET_ALLOW, label: "allow2" },
    { code: RET_K, k: RET_ERRNO | ENOSYS, label: "enosys" },
    { code: RET_K, k: RET_KILL_PROCESS, label: "kill" },
  ];
  return assemble(program);
}
