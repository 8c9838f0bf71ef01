/*
 * gnuplot.c: the renderer's last stage: gnuplot string literals and
 * variables, template lookup, the self-contained figure script, and
 * running gnuplot (fork/execvp, no shell) on many scripts per process.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "gnuplot.h"
#include "key.h"

#ifndef FSC_DATADIR
#define FSC_DATADIR "/usr/local/share/fioscope"
#endif

struct fsc_gp_tmpl {
	char *name;
	char *text;
};

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *p)
{
	size_t n, i;
	unsigned cp;

	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0)
		n = 2, cp = p[0] & 0x1f;
	else if ((p[0] & 0xf0) == 0xe0)
		n = 3, cp = p[0] & 0x0f;
	else if ((p[0] & 0xf8) == 0xf0)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates and beyond U+10FFFF are invalid */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void fsc_gp_quote(struct fsc_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n;

	fsc_buf_add(b, "'", 1);
	while (*p) {
		if (*p == '\'') {
			fsc_buf_add(b, "''", 2);
			p++;
		} else if (*p < 0x20 || *p == 0x7f) {
			fsc_buf_add(b, " ", 1);
			p++;
		} else if ((n = utf8_len(p)) == 0) {
			fsc_buf_add(b, "?", 1);
			p++;
		} else {
			fsc_buf_add(b, p, n);
			p += n;
		}
	}
	fsc_buf_add(b, "'", 1);
}

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
	fsc_gp_quote(b, t.buf);
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
		fsc_gp_quote(b, t.buf);
		fsc_buf_release(&t);
	}
	fsc_buf_adds(b, n ? "]\n" : "'']\n");
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
	fsc_buf_addf(out, "fig_width = %d\nfig_height = %d\n", env->width,
		     env->height);
	fsc_buf_adds(out, "\n# ---- data, from the store ----\n");
	add_text(out, data);
	fsc_buf_adds(out, "\n# ---- one pass per output format ----\n"
		     "do for [fig_fmt in fig_formats] {\nreset\n"
		     "# ---- style.gp ----\n");
	add_text(out, style);
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

int fsc_gp_write(const char *path, const struct fsc_buf *text,
		 struct fsc_err *err)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return fsc_err_set(err, path, "%s", strerror(errno));
	if (fwrite(text->buf, 1, text->len, f) != text->len) {
		fsc_err_set(err, path, "%s", strerror(errno));
		fclose(f);
		return -1;
	}
	if (fclose(f) != 0)
		return fsc_err_set(err, path, "%s", strerror(errno));
	return 0;
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
	int fd;			/* read end of the child's stderr, -1 at EOF */
	char **argv;		/* "gnuplot", scripts..., NULL */
	size_t argc;
	size_t load;
};

/* Start gnuplot in dir with stdin /dev/null and stdout+stderr on a pipe.
 * The child only execs: on failure it exits 127 (like the shell). */
static int spawn(struct gp_proc *p, const char *dir, struct fsc_err *err)
{
	int fds[2];

	if (pipe(fds) < 0)
		return fsc_err_set(err, "", "pipe: %s", strerror(errno));
	p->pid = fork();
	if (p->pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return fsc_err_set(err, "", "fork: %s", strerror(errno));
	}
	if (p->pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		if (null < 0 || dup2(null, 0) < 0 || dup2(fds[1], 1) < 0 ||
		    dup2(fds[1], 2) < 0 || chdir(dir) < 0)
			_exit(126);
		close(fds[0]);
		close(fds[1]);
		close(null);
		execvp("gnuplot", p->argv);
		_exit(127);
	}
	close(fds[1]);
	p->fd = fds[0];
	return 0;
}

/* Read the processes' output until every pipe is at EOF. */
static void drain(struct gp_proc *ps, size_t np, struct fsc_buf *msgs)
{
	struct pollfd pfd[64];
	size_t i, open_n = np;
	char tmp[4096];
	ssize_t n;

	while (open_n > 0) {
		for (i = 0; i < np; i++) {
			pfd[i].fd = ps[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < np; i++) {
			if (ps[i].fd < 0 || !pfd[i].revents)
				continue;
			n = read(ps[i].fd, tmp, sizeof(tmp));
			if (n > 0) {
				fsc_buf_add(msgs, tmp, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(ps[i].fd);
				ps[i].fd = -1;
				open_n--;
			}
		}
	}
}

int fsc_gp_run(const char *dir, char *const *scripts, const size_t *weight,
	       size_t n, int nproc, struct fsc_buf *msgs, struct fsc_err *err)
{
	struct gp_proc ps[64];
	size_t *order, i, j, np, started = 0;
	int rc = 0;

	if (!n)
		return 0;
	np = nproc < 1 ? 1 : nproc > 64 ? 64 : (size_t)nproc;
	if (np > n)
		np = n;
	memset(ps, 0, sizeof(ps));
	for (i = 0; i < np; i++) {
		ps[i].argv = fsc_calloc(n + 2, sizeof(char *));
		ps[i].argv[ps[i].argc++] = (char *)"gnuplot";
		ps[i].fd = -1;
	}
	/* Longest first onto the least loaded process (LPT scheduling),
	 * then each process keeps the figures' original order. */
	order = fsc_malloc(n * sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && weight[order[j]] > weight[order[j - 1]];
		     j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	{
		size_t *owner = fsc_malloc(n * sizeof(*owner));

		for (i = 0; i < n; i++) {
			size_t best = 0;

			for (j = 1; j < np; j++)
				if (ps[j].load < ps[best].load)
					best = j;
			ps[best].load += weight[order[i]] + 1;
			owner[order[i]] = best;
		}
		for (i = 0; i < n; i++)
			ps[owner[i]].argv[ps[owner[i]].argc++] = scripts[i];
		free(owner);
	}
	free(order);
	for (i = 0; i < np; i++) {
		if (spawn(&ps[i], dir, err) < 0) {
			rc = -1;
			break;
		}
		started++;
	}
	drain(ps, started, msgs);
	for (i = 0; i < started; i++) {
		int status;

		while (waitpid(ps[i].pid, &status, 0) < 0 && errno == EINTR)
			;
		if (rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 127)
			rc = fsc_err_set(err, "", "could not run gnuplot");
		else if (rc == 0 && (!WIFEXITED(status) ||
				     WEXITSTATUS(status) != 0))
			rc = fsc_err_set(err, "", "gnuplot failed (%s %d)",
					 WIFEXITED(status) ? "exit status" :
					 "signal", WIFEXITED(status) ?
					 WEXITSTATUS(status) :
					 WTERMSIG(status));
	}
	for (i = 0; i < np; i++)
		free(ps[i].argv);
	return rc;
}
