/* SPDX-License-Identifier: GPL-2.0-only */
/* Charts of benchmark results through gnuplot: on the terminal, or PNG, SVG or PDF. */
#ifndef PK_PLOT_H
#define PK_PLOT_H

#include <stdio.h>

#include "results.h"

enum pk_plot_target { PLOT_TERMINAL, PLOT_PNG, PLOT_SVG, PLOT_PDF };

/* The target a file name asks for, by its extension. 0, or -EINVAL for another one. */
int pk_plot_target(const char *file, enum pk_plot_target *t);

/*
 * The gnuplot script for r (and old, for --compare; may be NULL), drawing
 * to target, into output (NULL for the terminal). Pure: writes to f.
 */
void pk_plot_script(FILE *f, const struct pk_results *r, const struct pk_results *old,
		    enum pk_plot_target target, const char *output);

/*
 * Draw: on stdout for the terminal, else into file, which appears whole or
 * not at all. 0; -ENOENT when gnuplot is not in PATH; another -errno, or
 * -EIO when gnuplot failed (its first line of complaint in err).
 */
int pk_plot(const struct pk_results *r, const struct pk_results *old, const char *file, char *err,
	    size_t errlen);

#endif
