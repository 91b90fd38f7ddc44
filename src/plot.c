// SPDX-License-Identifier: GPL-2.0-only
/* Charts of benchmark results through gnuplot: on the terminal, or PNG, SVG or PDF. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plot.h"

static const struct {
	const char *ext;
	enum pk_plot_target target;
	const char *terminal;
} targets[] = {
	{ ".png", PLOT_PNG, "pngcairo size 1200,1100 font 'sans,10'" },
	{ ".svg", PLOT_SVG, "svg size 1200,1100 font 'sans,10'" },
	{ ".pdf", PLOT_PDF, "pdfcairo size 12in,11in font 'sans,10'" },
};

int pk_plot_target(const char *file, enum pk_plot_target *t)
{
	const char *dot = strrchr(file, '.');

	for (size_t i = 0; dot && i < sizeof(targets) / sizeof(targets[0]); i++)
		if (strcmp(dot, targets[i].ext) == 0) {
			*t = targets[i].target;
			return 0;
		}
	return -EINVAL;
}

/* A string as a gnuplot double-quoted string: backslashes and quotes escaped. */
static void quoted(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static const struct pk_result *find(const struct pk_results *r, const char *name, size_t region)
{
	for (size_t i = 0; r && i < r->n; i++)
		if (r->v[i].measured && strcmp(r->v[i].name, name) == 0 && r->v[i].region == region)
			return &r->v[i];
	return NULL;
}

/* Chart 1: each benchmark's median with a p5-p95 bar, log scale; and the old median. */
static void chart_benchmarks(FILE *f, const struct pk_results *r, const struct pk_results *old)
{
	fputs("$bench << EOD\n", f);
	for (size_t i = 0; i < r->n; i++) {
		const struct pk_result *x = &r->v[i];
		const struct pk_result *y = find(old, x->name, 0);
		char label[64];

		/* A log scale has no room for zero: the loop-subtracted ones at or below it. */
		if (!x->measured || x->region || x->ns.median <= 0)
			continue;
		if (x->ratio > 0)
			snprintf(label, sizeof(label), "%s x%.2f", x->name, x->ratio);
		else
			snprintf(label, sizeof(label), "%s", x->name);
		quoted(f, label);
		fprintf(f, " %g %g %g %g\n", x->ns.median, x->ns.p5 > 0 ? x->ns.p5 : x->ns.median,
			x->ns.p95, y && y->ns.median > 0 ? y->ns.median : -1.0);
	}
	fputs("EOD\n", f);
	fputs("set title 'Per operation: median, bar from p5 to p95 (log scale)'\n"
	      "set logscale y\nunset logscale x\n"
	      "set ylabel 'ns per operation'\nunset xlabel\nset format y '%g'\n"
	      "set xtics rotate by -35 nomirror\nset grid ytics\n"
	      "set offsets 0.5, 0.5, 0, 0\nset key top left\nset rmargin 8\n",
	      f);
	fputs("plot $bench using 0:2:3:4:xtic(1) with yerrorbars pt 7 lw 2 title 'this run'", f);
	if (old)
		fputs(", $bench using 0:($5 > 0 ? $5 : 1/0) with points pt 6 ps 1.5 "
		      "title 'compared run'",
		      f);
	fputc('\n', f);
}

/* A region size as people write it: 4 KiB, 64 MiB. */
static void size_label(char *buf, size_t len, size_t bytes)
{
	if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
		snprintf(buf, len, "%zu MiB", bytes / (1024 * 1024));
	else if (bytes >= 1024 && bytes % 1024 == 0)
		snprintf(buf, len, "%zu KiB", bytes / 1024);
	else
		snprintf(buf, len, "%zu B", bytes);
}

/* Chart 2: one access switch by mprotect and by WRPKRU against the region size. */
static void chart_sweep(FILE *f, const struct pk_results *r)
{
	const char *sep = "";
	size_t lo = 0, hi = 0;
	char label[32];

	fputs("$sweep << EOD\n", f);
	for (size_t i = 0; i < r->n; i++) {
		const struct pk_result *m = &r->v[i], *w;

		if (!m->region || strcmp(m->name, "sweep_mprotect") != 0)
			continue;
		w = find(r, "sweep_wrpkru", m->region);
		fprintf(f, "%zu %g %g\n", m->region, m->measured ? m->ns.median : -1.0,
			w && w->ns.median > 0 ? w->ns.median : -1.0);
	}
	fputs("EOD\nset xtics (", f);
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].region && strcmp(r->v[i].name, "sweep_mprotect") == 0) {
			size_label(label, sizeof(label), r->v[i].region);
			fprintf(f, "%s'%s' %zu", sep, label, r->v[i].region);
			sep = ", ";
			lo = lo && lo < r->v[i].region ? lo : r->v[i].region;
			hi = hi > r->v[i].region ? hi : r->v[i].region;
		}
	/* Room either side, so that the end points and their labels stay inside. */
	fprintf(f, ")\nset xrange [%g:%g]\n", (double)lo / 1.5, (double)hi * 1.5);
	fputs("set title 'One access switch against region size (log-log)'\n"
	      "set logscale xy 2\nset logscale y 10\nset format y '%g'\n"
	      "set xlabel 'region'\nset ylabel 'ns per switch'\n"
	      "set xtics rotate by 0\nset offsets 0, 0, 0, 0\nset rmargin 8\n"
	      "plot $sweep using 1:($2 > 0 ? $2 : 1/0) with linespoints pt 7 lw 2 "
	      "title 'mprotect (no access <-> read/write)', "
	      "$sweep using 1:($3 > 0 ? $3 : 1/0) with linespoints pt 5 lw 2 "
	      "title 'WRPKRU (deny <-> allow)'\n",
	      f);
}

void pk_plot_script(FILE *f, const struct pk_results *r, const struct pk_results *old,
		    enum pk_plot_target target, const char *output)
{
	bool sweep = false;
	char title[256];

	for (size_t i = 0; !sweep && i < r->n; i++)
		sweep = r->v[i].region && r->v[i].measured;
	if (target == PLOT_TERMINAL) {
		fprintf(f, "set terminal dumb size 120,%d\n", sweep ? 70 : 35);
	} else {
		for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
			if (targets[i].target == target)
				fprintf(f, "set terminal %s\n", targets[i].terminal);
		fputs("set output ", f);
		quoted(f, output);
		fputc('\n', f);
	}
	pk_results_title(&r->ctx, title, sizeof(title));
	/* Plain text: benchmark names have underscores, not subscripts. */
	fputs("set termoption noenhanced\nset encoding utf8\nset multiplot layout ", f);
	fprintf(f, "%d,1 title ", sweep ? 2 : 1);
	quoted(f, title);
	fputc('\n', f);
	chart_benchmarks(f, r, old);
	if (sweep)
		chart_sweep(f, r);
	fputs("unset multiplot\n", f);
}

/* gnuplot's full path from PATH, or -ENOENT. */
static int find_gnuplot(char *path, size_t len)
{
	const char *p = getenv("PATH");

	while (p && *p) {
		size_t n = strcspn(p, ":");

		snprintf(path, len, "%.*s/gnuplot", (int)n, p);
		if (n && access(path, X_OK) == 0)
			return 0;
		p += n + (p[n] == ':');
	}
	return -ENOENT;
}

/* Run gnuplot on script; its complaints go to a temporary file, the first line to err. */
static int run_gnuplot(const char *gnuplot, const char *script, size_t len, char *err,
		       size_t errlen)
{
	int in[2], status;
	FILE *complaints = tmpfile();
	pid_t pid;

	if (!complaints || pipe2(in, O_CLOEXEC) < 0) {
		if (complaints)
			fclose(complaints);
		return -errno;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(fileno(complaints), STDERR_FILENO);
		execl(gnuplot, "gnuplot", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	/* A short write means gnuplot stopped reading: its exit status says why. */
	if (pid > 0) {
		ssize_t w = write(in[1], script, len);

		(void)w;
	}
	close(in[1]);
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		fclose(complaints);
		return -errno;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		fclose(complaints);
		return 0;
	}
	rewind(complaints);
	if (!fgets(err, (int)errlen, complaints))
		snprintf(err, errlen, "gnuplot exited with status %d", WEXITSTATUS(status));
	err[strcspn(err, "\n")] = '\0';
	fclose(complaints);
	return -EIO;
}

int pk_plot(const struct pk_results *r, const struct pk_results *old, const char *file, char *err,
	    size_t errlen)
{
	enum pk_plot_target target = PLOT_TERMINAL;
	char gnuplot[4096], *tmp = NULL, *script = NULL;
	size_t len = 0;
	FILE *f;
	int e;

	if (find_gnuplot(gnuplot, sizeof(gnuplot)))
		return -ENOENT;
	if (file) {
		if (pk_plot_target(file, &target))
			return -EINVAL;
		/* Drawn next to the file and renamed over it: never a half-written chart. */
		if (asprintf(&tmp, "%s.tmp-%d%s", file, (int)getpid(), strrchr(file, '.')) < 0)
			return -ENOMEM;
	}
	f = open_memstream(&script, &len);
	if (!f) {
		free(tmp);
		return -ENOMEM;
	}
	pk_plot_script(f, r, old, target, tmp);
	if (fclose(f)) {
		free(script);
		free(tmp);
		return -ENOMEM;
	}
	e = run_gnuplot(gnuplot, script, len, err, errlen);
	if (!e && tmp && rename(tmp, file) < 0)
		e = -errno;
	if (e && tmp)
		unlink(tmp);
	free(script);
	free(tmp);
	return e;
}
