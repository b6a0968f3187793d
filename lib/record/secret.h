/*
 * secret: key files, and wiping secrets from memory.
 *
 * Keys are never on argv and never in a core dump: they are read from a
 * file only its owner can read, into a buffer locked in memory when
 * possible, and wiped on every path out.
 */
#ifndef FL_SECRET_H
#define FL_SECRET_H

#include <stddef.h>

#include "diag.h"

/*
 * Keeps secrets out of core dumps from now on, for the whole process: it
 * becomes non-dumpable (prctl PR_SET_DUMPABLE 0, which also keeps other
 * processes of the user from ptrace-attaching to it) and its core file
 * size limit (RLIMIT_CORE, soft and hard) 0.  Called by fl_secret_read()
 * before it reads anything; call it before any other way a secret enters
 * memory.  Returns 0, or FL_ESYS with e set (nothing secret is read then).
 */
int fl_secret_protect(struct fl_err *e);

/*
 * n bytes for secrets, zeroed: whole pages of their own, locked in memory
 * (mlock) when RLIMIT_MEMLOCK allows, and left out of core dumps
 * (MADV_DONTDUMP) where the system has it; both are best effort.  Since
 * no other allocation shares their pages, unlocking them unlocks nothing
 * else.  Returns NULL when out of memory.  Release with
 * fl_secret_dealloc(p, n), n the same.
 */
void *fl_secret_alloc(size_t n);
/* Wipes, unlocks and frees p from fl_secret_alloc(n); NULL is a no-op. */
void fl_secret_dealloc(void *p, size_t n);

/* The largest key file fl_secret_read() accepts, in bytes. */
#define FL_SECRET_MAX 65536

/*
 * Reads a secret file (keys): path, or "-" for stdin, after
 * fl_secret_protect(), into memory from fl_secret_alloc().  A path must
 * name a
 * regular file itself (a symbolic link is refused, not followed; a named
 * pipe is refused without waiting for a writer) that
 * neither group nor others can access, of at most FL_SECRET_MAX bytes.
 * Returns 0 with *buf (NUL-terminated, owned by the caller: release it with
 * fl_secret_free()) and *len (the length of the text) set; or FL_EUSAGE (a
 * link, not a regular file, a too open mode), FL_EDATA (too large), FL_ESYS
 * (open or read failed), FL_ENOMEM, with *buf NULL and *len 0, and nothing
 * read left in memory.
 */
int fl_secret_read(const char *path, char **buf, size_t *len, struct fl_err *e);

/* Wipes and frees a buffer from fl_secret_read(); NULL is a no-op. */
void fl_secret_free(char *buf);

/* Wipes n bytes at p in a way the compiler may not optimize away. */
void fl_secret_wipe(void *p, size_t n);

#endif
