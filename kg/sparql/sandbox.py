"""Limits a query worker of ``kg serve`` puts on itself before it reads any query.

- ``deny_network()``: a seccomp filter (Linux, x86-64 and arm64) under which the
  ``socket`` system call fails with EACCES for every address family but Unix sockets,
  and ``io_uring_setup`` (which could open sockets without that call) fails too. The
  filter holds for the process and every thread it starts later, and cannot be
  removed. SERVICE is refused before a query runs (``kg.sparql.query.check_query``); this is
  the floor under that check: even a query that got past it cannot reach the network,
  because pyoxigraph's HTTP client cannot open a socket.
- ``limit_address_space(n)``: ``RLIMIT_AS``, so an allocation past ``n`` bytes fails
  (Oxigraph then aborts the worker with "memory allocation of … failed", which the
  server reads on the worker's standard error). The server also watches each worker's
  resident memory and stops it sooner; this is the hard ceiling.

Both return a reason string when they cannot be applied (another system, an older
kernel, a container that forbids seccomp), and None when they are in force.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import resource
import struct
import sys

# Classic BPF, as the seccomp filter mode takes it.
_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RET_K = 0x06  # BPF_RET | BPF_K
_ALLOW = 0x7FFF0000  # SECCOMP_RET_ALLOW
_ERRNO = 0x00050000  # SECCOMP_RET_ERRNO | errno
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_AF_UNIX = 1

#: machine → (AUDIT_ARCH_*, socket, io_uring_setup, x32 bit or 0)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425, 0x40000000),
    "aarch64": (0xC00000B7, 198, 425, 0),
    "arm64": (0xC00000B7, 198, 425, 0),
}


def _program(arch: int, nr_socket: int, nr_io_uring: int, x32: int) -> list[tuple[int, int, int, int]]:
    """The filter, as (code, jump if true, jump if false, constant) instructions.

    struct seccomp_data: int nr at offset 0, u32 arch at 4, u64 args[6] from 16 (the
    low half of args[0], the address family of ``socket``, at 16 on little-endian)."""
    deny = _ERRNO | errno.EACCES
    prog = [
        (_LD_W_ABS, 0, 0, 4),  # 0: arch
        (_JEQ_K, 1, 0, arch),  # 1: our arch → 3
        (_RET_K, 0, 0, deny),  # 2: a foreign calling convention (32-bit compat): refused
        (_LD_W_ABS, 0, 0, 0),  # 3: syscall number
    ]
    if x32:
        prog.append((_JGE_K, 0, 1, x32))  # x32 numbers: refused
        prog.append((_RET_K, 0, 0, deny))
    prog += [
        (_JEQ_K, 0, 1, nr_io_uring),
        (_RET_K, 0, 0, deny),
        (_JEQ_K, 1, 0, nr_socket),  # socket → check its family
        (_RET_K, 0, 0, _ALLOW),
        (_LD_W_ABS, 0, 0, 16),  # args[0], low 32 bits
        (_JEQ_K, 0, 1, _AF_UNIX),
        (_RET_K, 0, 0, _ALLOW),
        (_RET_K, 0, 0, deny),
    ]
    return prog


def deny_network() -> str | None:
    """Forbid this process (and threads it starts later) to open network sockets.

    Call it before any thread starts. Returns None when the filter is in force, else
    why it is not."""
    if sys.platform != "linux" or sys.byteorder != "little":
        return f"no seccomp on {sys.platform}"
    machine = platform.machine().lower()
    if machine not in _ARCHES:
        return f"no seccomp filter written for {machine}"
    code = b"".join(struct.pack("<HBBI", *ins) for ins in _program(*_ARCHES[machine]))
    filters = ctypes.create_string_buffer(code, len(code))

    class _Fprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Fprog(len(code) // 8, ctypes.addressof(filters))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(NO_NEW_PRIVS): {os.strerror(ctypes.get_errno())}"
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0) != 0:
        return f"prctl(SECCOMP): {os.strerror(ctypes.get_errno())}"
    return None


def limit_address_space(limit: int) -> str | None:
    """Cap this process's address space at ``limit`` bytes (``RLIMIT_AS``); None when in force."""
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as e:
        return f"setrlimit(RLIMIT_AS): {e}"
    return None


def memory_of(pid: int) -> tuple[int, int] | None:
    """(virtual size, resident size) of process ``pid`` in bytes, from ``/proc``
    (None where there is no ``/proc`` or the process is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            fields = f.read().split()
    except OSError:
        return None
    page = os.sysconf("SC_PAGE_SIZE")
    return int(fields[0]) * page, int(fields[1]) * page
