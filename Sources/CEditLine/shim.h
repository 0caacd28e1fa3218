#ifndef MFS_CEDITLINE_SHIM_H
#define MFS_CEDITLINE_SHIM_H
#include <stdio.h>
/* libedit's readline compatibility header; <readline/readline.h> is GNU readline. */
#include <editline/readline.h>
#include <histedit.h>

/* el_set and history are C-variadic, which Swift cannot call directly. */
static inline int cel_set_prompt(EditLine *el, char *(*fn)(EditLine *)) { return el_set(el, EL_PROMPT, fn); }
static inline int cel_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int cel_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int cel_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int cel_add_fn(EditLine *el, const char *name, const char *help,
                             unsigned char (*fn)(EditLine *, int)) { return el_set(el, EL_ADDFN, name, help, fn); }
static inline int cel_bind(EditLine *el, const char *key, const char *fname) { return el_set(el, EL_BIND, key, fname, NULL); }
static inline int chist_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int chist_enter(History *h, HistEvent *ev, const char *s) { return history(h, ev, H_ENTER, s); }
static inline int chist_getsize(History *h, HistEvent *ev) { return history(h, ev, H_GETSIZE); }
static inline int chist_save(History *h, HistEvent *ev, const char *f) { return history(h, ev, H_SAVE, f); }
static inline int chist_load(History *h, HistEvent *ev, const char *f) { return history(h, ev, H_LOAD, f); }
static inline void cel_set_completer(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void cel_set_name(const char *n) { rl_readline_name = n; }
/* Applies one `setty` flag to the terminal mode used while editing, e.g. "-isig" so that
   Ctrl-C arrives as a key the editor can bind instead of as SIGINT. */
static inline int cel_set_edit_tty(EditLine *el, const char *flag) { return el_set(el, EL_SETTY, "-d", flag, NULL); }
static inline int chist_set_unique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline FILE *cel_stdin(void) { return stdin; }
static inline FILE *cel_stdout(void) { return stdout; }
static inline FILE *cel_stderr(void) { return stderr; }
#endif
