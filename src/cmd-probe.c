// SPDX-License-Identifier: GPL-2.0-only
/* pkeyctl probe: every piece of evidence, then one verdict with its reason and a hint. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pkeyctl.h"
#include "verdict.h"

/* The reason ids come from the verdict's own table, so the help cannot miss one. */
static char *probe_help_filter(int key, const char *text, void *input)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)input;
	if (key != ARGP_KEY_HELP_POST_DOC || !text)
		return (char *)text;
	f = open_memstream(&buf, &len);
	if (!f)
		return (char *)text;
	fputs("Reason ids:\n", f);
	for (int r = 0; r < PK_REASON_COUNT; r++)
		fprintf(f, "  %s\n", pk_reason_id(r));
	fprintf(f, "\n%s", text);
	if (fclose(f))
		return (char *)text;
	return buf;
}

const struct argp cmd_probe_argp = {
	NULL,
	NULL, /* no options of its own; the global ones are added by pk_parse() */
	NULL,
	"Tell whether memory protection keys are usable here and, if not, exactly why. "
	"Gathers the evidence (CPUID, XSAVE, /proc/cpuinfo, the kernel command line, "
	"pkey_alloc(2) results, smaps, glibc) and gives one verdict with a reason id. "
	"No key stays allocated.\v"
	"Exit status: 0 keys usable, 4 not usable, 2 the probe could not run.\n"
	"\n"
	"EXAMPLES\n"
	"  pkeyctl probe\n"
	"  pkeyctl probe --json | jq -r .verdict.reason\n"
	"  if pkeyctl probe -q; then ./run-with-pkeys; fi\n",
	NULL,
	probe_help_filter,
	NULL,
};

static void out_tri(struct out *o, const char *key, const char *label, enum pk_tri t)
{
	if (t == PK_UNKNOWN)
		out_null(o, key, label);
	else
		out_bool(o, key, label, t == PK_YES);
}

/* A fact that exists only where valid is true (CPUID off x86, XCR0 without OSXSAVE). */
static void out_bool_if(struct out *o, const char *key, const char *label, bool valid, bool val)
{
	out_tri(o, key, label, !valid ? PK_UNKNOWN : val ? PK_YES : PK_NO);
}

static void out_int_if(struct out *o, const char *key, const char *label, bool valid, long long val)
{
	if (valid)
		out_int(o, key, label, val);
	else
		out_null(o, key, label);
}

/* One pkey_alloc() result as two members: the key, or the errno name. */
static void out_alloc(struct out *o, const char *key_key, const char *errno_key, const char *what,
		      int result)
{
	char label[48];

	snprintf(label, sizeof(label), "%s: key", what);
	out_int_if(o, key_key, label, result >= 0, result);
	snprintf(label, sizeof(label), "%s: errno", what);
	out_str(o, errno_key, label, result < 0 ? strerrorname_np(-result) : NULL);
}

static void out_evidence(struct out *o, const struct pk_evidence *ev)
{
	const struct pk_cpu *cpu = &ev->cpu;
	bool x86 = cpu->is_x86;

	out_section(o, "cpu", "CPU");
	out_str(o, "arch", "architecture", cpu->arch);
	out_str(o, "vendor", "vendor", x86 ? cpu->vendor : NULL);
	out_str(o, "brand", "brand", x86 && cpu->brand[0] ? cpu->brand : NULL);
	out_int_if(o, "family", "family", x86, cpu->family);
	out_int_if(o, "model", "model", x86, cpu->model);
	out_int_if(o, "stepping", "stepping", x86, cpu->stepping);
	out_bool(o, "hypervisor", "hypervisor present", cpu->hypervisor);
	out_str(o, "hypervisor_name", "hypervisor", cpu->hypervisor_name);
	out_str(o, "pku_in_hardware", "model with PKU in silicon", cpu->hw_pku_uarch);
	out_end_section(o);

	out_section(o, "cpuid", "CPUID");
	out_bool_if(o, "leaf7", "leaf 7 present", x86, cpu->leaf7_valid);
	out_bool_if(o, "pku", "PKU (leaf 7 ECX[3])", x86, cpu->pku);
	out_bool_if(o, "ospke", "OSPKE (leaf 7 ECX[4])", x86, cpu->ospke);
	out_bool_if(o, "osxsave", "OSXSAVE (leaf 1 ECX[27])", x86, cpu->osxsave);
	out_bool_if(o, "xcr0_pkru", "XCR0[9] PKRU in XSAVE", cpu->osxsave, cpu->xcr0_pkru);
	out_int_if(o, "pkru_xsave_size", "PKRU XSAVE size (0xD.9 EAX)", cpu->xsave_leaf_valid,
		   cpu->pkru_xsave_size);
	out_int_if(o, "pkru_xsave_offset", "PKRU XSAVE offset (0xD.9 EBX)", cpu->xsave_leaf_valid,
		   cpu->pkru_xsave_offset);
	out_end_section(o);

	out_section(o, "kernel", "Kernel");
	out_str(o, "release", "release", ev->kernel_release[0] ? ev->kernel_release : NULL);
	out_tri(o, "cpuinfo_pku", "/proc/cpuinfo pku", ev->cpuinfo_pku);
	out_tri(o, "cpuinfo_ospke", "/proc/cpuinfo ospke", ev->cpuinfo_ospke);
	out_tri(o, "cmdline_nopku", "nopku on the command line", ev->cmdline_nopku);
	out_tri(o, "smaps_protection_key", "smaps ProtectionKey lines", ev->smaps_pkey);
	out_end_section(o);

	out_section(o, "pkey_alloc", "pkey_alloc(0, 0)");
	out_alloc(o, "first_key", "first_errno", "first try", ev->alloc_first);
	out_alloc(o, "second_key", "second_errno", "second try", ev->alloc_second);
	out_int(o, "keys", "keys this process can allocate", ev->keys);
	if (ev->pkru_valid)
		out_hex32(o, "initial_pkru", "initial PKRU", ev->pkru);
	else
		out_null(o, "initial_pkru", "initial PKRU");
	out_end_section(o);

	out_section(o, "glibc", "glibc");
	out_str(o, "version", "version", ev->glibc_version);
	out_bool(o, "pkey_wrappers", "pkey_alloc() and friends (2.27+)", ev->glibc_wrappers);
	out_end_section(o);
}

enum pk_status pk_require_keys(const char *cmd)
{
	struct pk_evidence ev;
	struct pk_verdict v;
	int err = pk_probe(&ev);

	if (err) {
		pk_error(cmd, err, "cannot probe for protection keys");
		return PK_ENV_ERROR;
	}
	pk_decide(&ev, &v);
	if (v.usable)
		return PK_OK;
	pk_error(cmd, 0, "protection keys are not usable here (%s): %s", pk_reason_id(v.reason),
		 v.explanation);
	return v.reason == PK_REASON_NO_FREE_KEYS ? PK_NO_KEYS : PK_UNSUPPORTED;
}

enum pk_status cmd_probe(int argc, char **argv, struct pk_opts *opts)
{
	struct pk_evidence ev;
	struct pk_verdict v;
	struct out *o;
	enum pk_status st = pk_parse(&cmd_probe_argp, argc, argv, NULL, opts);
	int err;

	if (st != PK_OK)
		return st;
	err = pk_probe(&ev);
	if (err) {
		pk_error("probe", err, "cannot gather the evidence");
		return PK_ENV_ERROR;
	}
	pk_decide(&ev, &v);

	o = pk_out_new(opts, "probe");
	if (!o) {
		pk_error("probe", -ENOMEM, "cannot build the output");
		return PK_ENV_ERROR;
	}
	out_evidence(o, &ev);
	out_section(o, "verdict", "Verdict");
	out_bool(o, "usable", "usable", v.usable);
	out_str(o, "reason", "reason", pk_reason_id(v.reason));
	out_str(o, "explanation", "explanation", v.explanation);
	out_str(o, "hint", "hint", v.hint);
	out_end_section(o);
	st = pk_emit(o, "probe");
	if (st != PK_OK)
		return st;
	return v.usable ? PK_OK : PK_UNSUPPORTED;
}
