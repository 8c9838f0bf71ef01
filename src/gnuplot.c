/*
 * gnuplot.c: the renderer's last stage: gnuplot string literals and
 * variables, template lookup, the self-contained figure script, and
 * running gnuplot (fork/execvp, no shell) on many scripts per process.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gnuplot.h"
#include "key.h"
#include "png_meta.h"

#ifndef FSC_DATADIR
#define FSC_DATADIR "/usr/local/share/fioscope"
#endif

struct fsc_gp_tmpl {
	char *name;
	char *text;
};

void fsc_gp_comment(struct fsc_buf *b, const char *fmt, ...)
{
	struct fsc_buf t = FSC_BUF_INIT;
	va_list ap;
	size_t i;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	fsc_buf_grow(&t, (size_t)len);
	va_start(ap, fmt);
	vsnprintf(t.buf, (size_t)len + 1, fmt, ap);
	va_end(ap);
	t.len = (size_t)len;
	/* one line whatever the store's text holds: a newline in a name
	 * must not end the comment inside a datablock */
	for (i = 0; i < t.len; i++)
		if ((unsigned char)t.buf[i] < 0x20 || t.buf[i] == 0x7f)
			t.buf[i] = '?';
	fsc_buf_adds(b, "# ");
	fsc_buf_add(b, t.buf, t.len);
	fsc_buf_adds(b, "\n");
	fsc_buf_release(&t);
}

static void add_num(struct fsc_buf *b, double v)
{
	if (isfinite(v))
		fsc_buf_addf(b, "%.6g", v);
	else
		fsc_buf_adds(b, "NaN");
}

void fsc_gp_str(struct fsc_buf *b, const char *name, const char *value)
{
	struct fsc_buf t = FSC_BUF_INIT;

	fsc_key_tidy(value, &t);	/* no gap where a key is unstated */
	fsc_buf_addf(b, "%s = ", name);
	fsc_gp_label(b, t.buf);
	fsc_buf_adds(b, "\n");
	fsc_buf_release(&t);
}

void fsc_gp_num(struct fsc_buf *b, const char *name, double v)
{
	fsc_buf_addf(b, "%s = ", name);
	add_num(b, v);
	fsc_buf_adds(b, "\n");
}

void fsc_gp_strs(struct fsc_buf *b, const char *name,
		 const char *const *v, size_t n)
{
	size_t i;

	fsc_buf_addf(b, "array %s[%zu] = [", name, n ? n : 1);
	for (i = 0; i < n; i++) {
		struct fsc_buf t = FSC_BUF_INIT;

		if (i)
			fsc_buf_adds(b, ", ");
		fsc_key_tidy(v[i], &t);
		fsc_gp_label(b, t.buf);
		fsc_buf_release(&t);
	}
	fsc_buf_adds(b, n ? "]\n" : "\"\"]\n");
}

void fsc_gp_nums(struct fsc_buf *b, const char *name, const double *v,
		 size_t n)
{
	size_t i;

	fsc_buf_addf(b, "array %s[%zu] = [", name, n ? n : 1);
	for (i = 0; i < n; i++) {
		if (i)
			fsc_buf_adds(b, ", ");
		add_num(b, v[i]);
	}
	fsc_buf_adds(b, n ? "]\n" : "NaN]\n");
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int fsc_gp_env_init(struct fsc_gp_env *env, const char *opt,
		    struct fsc_err *err)
{
	const char *e = getenv("FIOSCOPE_TEMPLATES");
	char exe[4096];
	ssize_t n;

	memset(env, 0, sizeof(*env));
	if (opt) {
		if (!is_dir(opt))
			return fsc_err_set(err, opt, "--templates: not a directory");
		env->dirs[env->ndirs++] = fsc_strdup(opt);
	}
	if (e && *e) {
		if (!is_dir(e))
			return fsc_err_set(err, e,
					   "$FIOSCOPE_TEMPLATES: not a directory");
		env->dirs[env->ndirs++] = fsc_strdup(e);
	}
	env->dirs[env->ndirs++] = fsc_strdup(FSC_DATADIR "/templates");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		struct fsc_buf d = FSC_BUF_INIT;
		char *slash;

		exe[n] = '\0';
		/* PREFIX/bin/fioscope installed with another PREFIX than it
		 * was built for: PREFIX/share/fioscope/templates; a build
		 * tree's build/fioscope: build/../templates */
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			fsc_buf_addf(&d, "%s/../share/fioscope/templates", exe);
			env->dirs[env->ndirs++] = fsc_buf_detach(&d);
			fsc_buf_addf(&d, "%s/../templates", exe);
			env->dirs[env->ndirs++] = fsc_buf_detach(&d);
		}
	}
	return 0;
}

void fsc_gp_env_free(struct fsc_gp_env *env)
{
	size_t i;

	for (i = 0; i < env->ndirs; i++)
		free(env->dirs[i]);
	for (i = 0; i < env->ntmpl; i++) {
		free(env->tmpl[i].name);
		free(env->tmpl[i].text);
	}
	free(env->tmpl);
	memset(env, 0, sizeof(*env));
}

/* Read a whole small text file; NULL when it cannot be read. */
static char *slurp(const char *path, struct fsc_err *err)
{
	struct fsc_buf b = FSC_BUF_INIT;
	char tmp[8192];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return NULL;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		fsc_buf_add(&b, tmp, n);
	if (ferror(f)) {
		fsc_err_set(err, path, "%s", strerror(errno));
		fclose(f);
		fsc_buf_release(&b);
		return NULL;
	}
	fclose(f);
	return fsc_buf_detach(&b);
}

const char *fsc_gp_template(struct fsc_gp_env *env, const char *name,
			    struct fsc_err *err)
{
	struct fsc_buf path = FSC_BUF_INIT, tried = FSC_BUF_INIT;
	char *text = NULL;
	size_t i;

	for (i = 0; i < env->ntmpl; i++)
		if (!strcmp(env->tmpl[i].name, name))
			return env->tmpl[i].text;
	for (i = 0; i < env->ndirs && !text; i++) {
		fsc_buf_reset(&path);
		/* "bw" is bw.gp; a name with an extension is taken as is */
		fsc_buf_addf(&path, "%s/%s%s", env->dirs[i], name,
			     strchr(name, '.') ? "" : ".gp");
		err->msg[0] = '\0';
		text = slurp(path.buf, err);
		if (!text && err->msg[0])
			break;
		fsc_buf_addf(&tried, "%s%s", i ? ", " : "", env->dirs[i]);
	}
	fsc_buf_release(&path);
	if (!text) {
		if (!err->msg[0])
			fsc_err_set(err, "", "template '%s%s' not found in %s",
				    name, strchr(name, '.') ? "" : ".gp",
				    tried.buf);
		fsc_buf_release(&tried);
		return NULL;
	}
	fsc_buf_release(&tried);
	env->tmpl = fsc_realloc(env->tmpl, (env->ntmpl + 1) *
				sizeof(*env->tmpl));
	env->tmpl[env->ntmpl].name = fsc_strdup(name);
	env->tmpl[env->ntmpl].text = text;
	return env->tmpl[env->ntmpl++].text;
}

/* Append a template's text, ending it with a newline. */
static void add_text(struct fsc_buf *out, const char *text)
{
	size_t n = strlen(text);

	fsc_buf_add(out, text, n);
	if (n && text[n - 1] != '\n')
		fsc_buf_adds(out, "\n");
}

int fsc_gp_script(struct fsc_gp_env *env, const char *figname,
		  const char *kind, const char *data, struct fsc_buf *out,
		  struct fsc_err *err)
{
	static const char *const fmt[] = { "svg", "png", "pdf" };
	const char *style = fsc_gp_template(env, "style", err);
	const char *body = style ? fsc_gp_template(env, kind, err) : NULL;
	struct fsc_buf f = FSC_BUF_INIT, ext = FSC_BUF_INIT;
	int i;

	if (!body)
		return -1;
	for (i = 0; i < 3; i++)
		if (env->formats & (1u << i)) {
			fsc_buf_addf(&f, "%s%s", f.len ? " " : "", fmt[i]);
			fsc_buf_addf(&ext, "%s%s", ext.len ? "," : "", fmt[i]);
		}
	fsc_buf_addf(out,
		"# %s.gp: a fioscope %s figure, self-contained (fioscope %s,\n"
		"# templates style.gp and %s.gp).  Run \"gnuplot %s.gp\" in this\n"
		"# directory to redraw %s.{%s}.  Edit the data, fig_formats\n"
		"# (svg png pdf), fig_width, fig_height, or the style and figure\n"
		"# sections below, and run it again.\n"
		"reset session\n"
		"# gnuplot's SVG terminal carries its pen from one plot to the\n"
		"# next: one unseen plot first, so the SVG is the same whether\n"
		"# this script runs alone or after others in one gnuplot\n"
		"set terminal svg\nset output '/dev/null'\n"
		"plot [0:1] [0:1] NaN notitle\nunset output\nreset\n",
		figname, kind, FSC_VERSION, kind, figname, figname, ext.buf);
	fsc_gp_str(out, "fig_name", figname);
	fsc_gp_str(out, "fig_formats", f.buf);
	fsc_buf_addf(out, "fig_width = %d\nfig_height = %d\n",
		     env->knobs.width, env->knobs.height);
	fsc_buf_addf(out, "fig_font_scale = %.3g\nfig_theme = '%s'\n"
		     "fig_transparent = %d\n", env->knobs.font_scale,
		     env->knobs.dark ? "dark" : "light",
		     env->knobs.transparent ? 1 : 0);
	fsc_buf_adds(out, "\n# ---- data, from the store ----\n");
	add_text(out, data);
	/* --title and --subtitle replace the figure's own */
	if (env->knobs.title)
		fsc_gp_str(out, "fig_title", env->knobs.title);
	fsc_gp_str(out, "fig_subtitle", env->knobs.subtitle ?
		   env->knobs.subtitle : "");
	fsc_buf_adds(out, "\n# ---- one pass per output format ----\n"
		     "do for [fig_fmt in fig_formats] {\nreset\n"
		     "# ---- style.gp ----\n");
	add_text(out, style);
	/* the colours of series style.gp does not define (figure_color.c) */
	if (strstr(data, "fig_linetypes = "))
		fsc_buf_adds(out, "eval fig_linetypes\n");
	fsc_buf_addf(out, "# ---- %s.gp ----\n", kind);
	add_text(out, body);
	fsc_buf_adds(out, "unset multiplot\nunset output\n}\n");
	fsc_buf_release(&f);
	fsc_buf_release(&ext);
	return 0;
}

int fsc_gp_mkdirs(const char *path, struct fsc_err *err)
{
	char *p = fsc_strdup(path), *s;
	int rc = 0;

	for (s = p + 1; rc == 0; s++) {
		char c = *s;

		if (c && c != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			rc = fsc_err_set(err, p, "%s", strerror(errno));
		else if (!c && !is_dir(p))
			rc = fsc_err_set(err, p, "not a directory");
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return rc;
}

int fsc_gp_available(void)
{
	const char *path = getenv("PATH");
	struct fsc_buf p = FSC_BUF_INIT;
	struct stat st;
	const char *s, *e;
	int found = 0;

	if (!path)
		path = "/usr/bin:/bin";
	for (s = path; !found; s = e + 1) {
		e = strchr(s, ':');
		if (!e)
			e = s + strlen(s);
		fsc_buf_reset(&p);
		if (e == s)
			fsc_buf_adds(&p, ".");
		else
			fsc_buf_add(&p, s, (size_t)(e - s));
		fsc_buf_adds(&p, "/gnuplot");
		found = stat(p.buf, &st) == 0 && S_ISREG(st.st_mode) &&
			access(p.buf, X_OK) == 0;
		if (!*e)
			break;
	}
	fsc_buf_release(&p);
	return found;
}

struct gp_proc {
	pid_t pid;
	int fd;			/* read end of the child's output, -1 at EOF */
	int in;			/* our end of its stdin, -1 once all sent */
	struct fsc_buf drv;	/* the driver script it reads on stdin */
	struct fsc_buf out;	/* what it printed: one buffer per process,
				 * so lines of two processes never mix */
	size_t sent;
	size_t load;
};

/* Start gnuplot in dir, reading its driver script from a socket on stdin
 * (a socket, not a pipe: send() with MSG_NOSIGNAL cannot raise SIGPIPE
 * when gnuplot dies early) and writing stdout+stderr to a pipe.  Nothing
 * is written to disk but the images.  The child only execs: on failure
 * it exits 127 (like the shell). */
static int spawn(struct gp_proc *p, const char *dir, struct fsc_err *err)
{
	static char *const argv[] = { (char *)"gnuplot", NULL };
	int fds[2], sv[2];

	if (pipe(fds) < 0)
		return fsc_err_set(err, "", "pipe: %s", strerror(errno));
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
		close(fds[0]);
		close(fds[1]);
		return fsc_err_set(err, "", "socketpair: %s", strerror(errno));
	}
	p->pid = fork();
	if (p->pid < 0) {
		close(fds[0]);
		close(fds[1]);
		close(sv[0]);
		close(sv[1]);
		return fsc_err_set(err, "", "fork: %s", strerror(errno));
	}
	if (p->pid == 0) {
		if (dup2(sv[1], 0) < 0 || dup2(fds[1], 1) < 0 ||
		    dup2(fds[1], 2) < 0 || chdir(dir) < 0)
			_exit(126);
		close(fds[0]);
		close(fds[1]);
		close(sv[0]);
		close(sv[1]);
		execvp("gnuplot", argv);
		_exit(127);
	}
	close(fds[1]);
	close(sv[1]);
	p->fd = fds[0];
	p->in = sv[0];
	(void)fcntl(p->in, F_SETFL, fcntl(p->in, F_GETFL) | O_NONBLOCK);
	return 0;
}

/* Feed the processes their drivers and read each one's output into its
 * own buffer until every pipe is at EOF. */
static void drain(struct gp_proc *ps, size_t np)
{
	struct pollfd pfd[128];
	size_t i, open_n = np;
	char tmp[4096];
	ssize_t n;

	while (open_n > 0) {
		for (i = 0; i < np; i++) {
			pfd[2 * i].fd = ps[i].fd;
			pfd[2 * i].events = POLLIN;
			pfd[2 * i + 1].fd = ps[i].in;
			pfd[2 * i + 1].events = POLLOUT;
			pfd[2 * i].revents = pfd[2 * i + 1].revents = 0;
		}
		if (poll(pfd, (nfds_t)(2 * np), -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < np; i++) {
			if (ps[i].in >= 0 && pfd[2 * i + 1].revents) {
				n = send(ps[i].in, ps[i].drv.buf + ps[i].sent,
					 ps[i].drv.len - ps[i].sent,
					 MSG_NOSIGNAL | MSG_DONTWAIT);
				if (n > 0)
					ps[i].sent += (size_t)n;
				if ((n < 0 && errno != EINTR && errno != EAGAIN) ||
				    ps[i].sent == ps[i].drv.len) {
					close(ps[i].in);	/* EOF: gnuplot ends */
					ps[i].in = -1;
				}
			}
			if (ps[i].fd < 0 || !pfd[2 * i].revents)
				continue;
			n = read(ps[i].fd, tmp, sizeof(tmp));
			if (n > 0) {
				fsc_buf_add(&ps[i].out, tmp, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(ps[i].fd);
				ps[i].fd = -1;
				open_n--;
			}
		}
	}
	for (i = 0; i < np; i++)
		if (ps[i].in >= 0) {
			close(ps[i].in);
			ps[i].in = -1;
		}
}

/* The first n bytes at needle within the len bytes at hay, or NULL. */
static const char *find(const void *hay, size_t len, const char *needle,
			size_t n)
{
	const char *h = hay;
	size_t i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (!memcmp(h + i, needle, n))
			return h + i;
	return NULL;
}

/* Is the file a whole image of its format (gnuplot does not fail when a
 * write fails: a full disk leaves it empty or cut short)? */
static int complete(const char *path, const char *fmt)
{
	static const unsigned char iend[] = { 'I', 'E', 'N', 'D', 0xae, 'B',
					      0x60, 0x82 };
	unsigned char tail[64];
	const char *want;
	size_t n;
	long size;
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	if (fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) <= 0 ||
	    fseek(f, size > 64 ? size - 64 : 0, SEEK_SET) < 0) {
		fclose(f);
		return 0;
	}
	n = fread(tail, 1, sizeof(tail), f);
	fclose(f);
	if (!strcmp(fmt, "png"))
		return n >= sizeof(iend) &&
		       !memcmp(tail + n - sizeof(iend), iend, sizeof(iend));
	want = !strcmp(fmt, "svg") ? "</svg>" : "%%EOF";
	return find(tail, n, want, strlen(want)) != NULL;
}

/* gnuplot's first error line about script name ("name.gp" line N: ...),
 * or NULL; malloc'd. */
static char *script_error(const struct fsc_buf *msgs, const char *script)
{
	struct fsc_buf pat = FSC_BUF_INIT;
	const char *p, *bol, *eol;
	char *e = NULL;

	fsc_buf_addf(&pat, "\"%s\" line ", script);
	p = find(msgs->buf, msgs->len, pat.buf, pat.len);
	if (p) {
		for (bol = p; bol > msgs->buf && bol[-1] != '\n'; bol--)
			;
		eol = strchr(p, '\n');
		if (!eol)
			eol = msgs->buf + msgs->len;
		while (bol < p && *bol == ' ')
			bol++;
		e = fsc_strndup(bol, (size_t)(eol - bol));
	}
	fsc_buf_release(&pat);
	return e;
}

/* Take the images of job j out of the work directory: each complete one
 * renamed into dir, the job's error set at the first that is not. */
static void collect(const char *dir, const char *work, struct fsc_gp_job *j,
		    unsigned formats, const struct fsc_buf *msgs)
{
	static const char *const fmt[] = { "svg", "png", "pdf" };
	struct fsc_buf tmp = FSC_BUF_INIT, dst = FSC_BUF_INIT;
	struct fsc_err err;
	int i;

	for (i = 0; i < 3; i++) {
		if (!(formats & (1u << i)))
			continue;
		fsc_buf_reset(&tmp);
		fsc_buf_reset(&dst);
		fsc_buf_addf(&tmp, "%s/%s.%s", work, j->name, fmt[i]);
		fsc_buf_addf(&dst, "%s/%s.%s", dir, j->name, fmt[i]);
		if (j->error || !complete(tmp.buf, fmt[i])) {
			unlink(tmp.buf);
			if (!j->error) {
				fsc_buf_reset(&tmp);
				fsc_buf_addf(&tmp, "%s.gp", j->name);
				j->error = script_error(msgs, tmp.buf);
			}
			if (!j->error) {
				fsc_buf_reset(&tmp);
				fsc_buf_addf(&tmp, "%s: cannot write: gnuplot "
					     "left no complete file", dst.buf);
				j->error = fsc_buf_detach(&tmp);
			}
			continue;
		}
		if (i == 1 && j->dpi > 0 &&
		    fsc_png_meta(tmp.buf, j->dpi, "fioscope " FSC_VERSION,
				 j->name, j->selection, &err) < 0) {
			unlink(tmp.buf);
			fsc_buf_reset(&tmp);
			fsc_buf_addf(&tmp, "%s: %s", err.path, err.msg);
			j->error = fsc_buf_detach(&tmp);
			continue;
		}
		if (fsc_out_commit(tmp.buf, dst.buf, &err) < 0) {
			fsc_buf_reset(&tmp);
			fsc_buf_addf(&tmp, "%s: %s", err.path, err.msg);
			j->error = fsc_buf_detach(&tmp);
		}
	}
	fsc_buf_release(&tmp);
	fsc_buf_release(&dst);
}

/* The driver script of one process: each figure script in turn, each
 * from a clean state; gnuplot reading a script on stdin reports an error
 * and goes on with the next line, so one failing figure stops no other. */
static void driver(size_t k, const struct fsc_gp_job *jobs,
		   const size_t *owner, size_t n, struct fsc_buf *d)
{
	struct fsc_buf path = FSC_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		if (owner[i] != k)
			continue;
		/* gnuplot runs in the work directory: the scripts are in
		 * its parent, the images land in it */
		fsc_buf_adds(d, "unset multiplot\nunset output\nload ");
		fsc_buf_reset(&path);
		fsc_buf_addf(&path, "../%s.gp", jobs[i].name);
		fsc_gp_quote(d, path.buf);
		fsc_buf_adds(d, "\n");
	}
	fsc_buf_adds(d, "exit\n");
	fsc_buf_release(&path);
}

/* gnuplot's output as the user would see it running NAME.gp in dir:
 * each line without leading blanks, "../NAME.gp" as "NAME.gp". */
static void tidy(const char *raw, size_t len, struct fsc_buf *msgs)
{
	const char *p = raw, *end = raw + len, *e;

	while (p < end) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (e - p > 4 && !strncmp(p, "\"../", 4)) {
			fsc_buf_adds(msgs, "\"");
			p += 4;
		}
		fsc_buf_add(msgs, p, (size_t)(e - p));
		fsc_buf_adds(msgs, "\n");
		p = e + 1;
	}
}

void fsc_gp_rmdir(const char *work)
{
	struct fsc_buf p = FSC_BUF_INIT;
	struct dirent *e;
	DIR *d = opendir(work);

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		fsc_buf_reset(&p);
		fsc_buf_addf(&p, "%s/%s", work, e->d_name);
		unlink(p.buf);
	}
	if (d)
		closedir(d);
	rmdir(work);
	fsc_buf_release(&p);
}

int fsc_gp_run(const char *dir, struct fsc_gp_job *jobs, size_t n,
	       unsigned formats, int nproc, struct fsc_buf *msgs,
	       struct fsc_err *err)
{
	struct gp_proc ps[64];
	struct fsc_buf work = FSC_BUF_INIT;
	size_t *order, *owner, i, j, np, started = 0;
	int rc = 0, nfail = 0;

	if (!n)
		return 0;
	np = nproc < 1 ? 1 : nproc > 64 ? 64 : (size_t)nproc;
	if (np > n)
		np = n;
	memset(ps, 0, sizeof(ps));
	/* Longest first onto the least loaded process (LPT scheduling),
	 * then each process keeps the figures' original order. */
	order = fsc_malloc(n * sizeof(*order));
	owner = fsc_malloc(n * sizeof(*owner));
	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && jobs[order[j]].weight >
		     jobs[order[j - 1]].weight; j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		size_t best = 0;

		for (j = 1; j < np; j++)
			if (ps[j].load < ps[best].load)
				best = j;
		ps[best].load += jobs[order[i]].weight + 1;
		owner[order[i]] = best;
	}
	free(order);
	/* gnuplot draws into a work directory beside the images; each
	 * image is renamed into place once it is complete */
	fsc_buf_addf(&work, "%s/.fioscope-gp-XXXXXX", dir);
	if (!mkdtemp(work.buf)) {
		rc = fsc_err_set(err, work.buf, "cannot create: %s",
				 strerror(errno));
		goto out;
	}
	for (i = 0; i < np; i++) {
		ps[i].fd = ps[i].in = -1;
		ps[i].drv = (struct fsc_buf)FSC_BUF_INIT;
		ps[i].out = (struct fsc_buf)FSC_BUF_INIT;
		driver(i, jobs, owner, n, &ps[i].drv);
		if (spawn(&ps[i], work.buf, err) < 0) {
			rc = -1;
			break;
		}
		started++;
	}
	drain(ps, started);
	for (i = 0; i < started; i++)
		tidy(ps[i].out.buf, ps[i].out.len, msgs);
	for (i = 0; i < started; i++) {
		int status;

		while (waitpid(ps[i].pid, &status, 0) < 0 && errno == EINTR)
			;
		if (rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) >= 126)
			rc = fsc_err_set(err, "", "could not run gnuplot");
	}
	if (rc == 0)
		for (i = 0; i < n; i++) {
			collect(dir, work.buf, &jobs[i], formats, msgs);
			nfail += jobs[i].error != NULL;
		}
	fsc_gp_rmdir(work.buf);
	for (i = 0; i < np; i++) {
		fsc_buf_release(&ps[i].drv);
		fsc_buf_release(&ps[i].out);
	}
out:
	free(owner);
	fsc_buf_release(&work);
	return rc < 0 ? -1 : nfail;
}
