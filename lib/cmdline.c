// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot parameters: the command line's core, below every other part so
 * that mm/, drivers/ and the applications read their parameters without
 * reaching up into init/ (Linux keeps the same in lib/cmdline.c).
 *
 * The command line (/chosen/bootargs) is copied once into a 1 KiB buffer by
 * parse_early_params(), which then walks it parameter by parameter and calls
 * every early_param() handler whose name matches. Parameters are separated by
 * blanks; double quotes group blanks into a value (name="a b" or "name=a b")
 * and are removed before the handler sees the value. Names nobody claims are
 * not errors: late parameters (ktest=, bench=, ...) are read afterwards with
 * cmdline_get(), which re-walks the saved copy.
 *
 * The number parsers the handlers use (memparse(), param_parse_ulong())
 * are in lib/parse.c.
 */
#define pr_fmt(fmt) "params: " fmt

#include <contig/kernel.h>
#include <contig/params.h>
#include <contig/printk.h>
#include <contig/string.h>
#include <contig/errno.h>

#define COMMAND_LINE_SIZE 1024
#define PARAM_NAME_MAX 64

extern const struct kernel_param __start_contig_early_params[];
extern const struct kernel_param __stop_contig_early_params[];

static char saved_command_line[COMMAND_LINE_SIZE];

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Copy the next parameter of @p into @name and @val, quotes removed.
 * A name or value too long for its buffer is truncated. *@has_val says
 * whether there was an '='. Return: where to continue, or NULL at the end.
 */
static const char *next_param(const char *p, char *name, size_t nsize, char *val,
			      size_t vsize, bool *has_val)
{
	bool in_quote = false, in_val = false;
	size_t nl = 0, vl = 0;

	while (*p && is_blank(*p))
		p++;
	if (!*p)
		return NULL;

	for (; *p; p++) {
		char c = *p;

		if (c == '"') {
			in_quote = !in_quote;
			continue;
		}
		if (!in_quote && is_blank(c))
			break;
		if (!in_val && c == '=') {
			in_val = true;
			continue;
		}
		if (in_val) {
			if (vl + 1 < vsize)
				val[vl++] = c;
		} else if (nl + 1 < nsize) {
			name[nl++] = c;
		}
	}
	name[nl] = '\0';
	val[vl] = '\0';
	*has_val = in_val;
	return p;
}

static int parse_loglevel(const char *val)
{
	const char *end;
	bool overflow = false;
	u64 level;

	if (!val || !*val) {
		pr_err("boot parameter loglevel needs a value 0..7, e.g. loglevel=7\n");
		return -EINVAL;
	}
	level = memparse(val, &end, &overflow);
	if (end == val || *end || overflow || level > LOGLEVEL_DEBUG) {
		pr_err("boot parameter loglevel=%s: expected a number 0..7; ignored\n", val);
		return -EINVAL;
	}
	console_loglevel = (int)level;
	return 0;
}
early_param("loglevel", parse_loglevel);

/**
 * parse_early_params - save the command line and run the early handlers
 * @cmdline: the boot command line (may be NULL: empty)
 *
 * Every "name=value" or "name" calls each early_param() handler registered
 * under that name, in command-line order. The value passed to a handler is
 * only valid during the call; handlers copy what they keep.
 */
void parse_early_params(const char *cmdline)
{
	static char name[PARAM_NAME_MAX];
	static char val[COMMAND_LINE_SIZE];
	const struct kernel_param *kp;
	const char *p;
	bool has_val;
	size_t len;

	if (!cmdline)
		cmdline = "";
	len = strscpy_trunc(saved_command_line, cmdline, sizeof(saved_command_line));
	if (len >= sizeof(saved_command_line))
		pr_warn("command line is %zu characters, truncated to %zu; shorten bootargs\n",
			len, sizeof(saved_command_line) - 1);

	p = saved_command_line;
	while ((p = next_param(p, name, sizeof(name), val, sizeof(val), &has_val))) {
		for (kp = __start_contig_early_params; kp < __stop_contig_early_params; kp++) {
			if (kp->name && kp->setup && strcmp(kp->name, name) == 0)
				kp->setup(has_val ? val : NULL);
		}
	}
}

/**
 * boot_command_line - the saved command line
 * Return: the copy made by parse_early_params() ("" before it ran).
 */
const char *boot_command_line(void)
{
	return saved_command_line;
}

/**
 * cmdline_get - value of the last "@name=value" on the command line
 * @name: parameter name
 * @buf: where the value (quotes removed) is copied, always terminated
 * @size: size of @buf (may be 0 to only test presence)
 *
 * Return: true when @name is present ("@name" alone gives "").
 */
bool cmdline_get(const char *name, char *buf, size_t size)
{
	char pname[PARAM_NAME_MAX];
	char val[COMMAND_LINE_SIZE];
	const char *p = saved_command_line;
	bool has_val, found = false;

	if (!name)
		return false;
	while ((p = next_param(p, pname, sizeof(pname), val, sizeof(val), &has_val))) {
		if (strcmp(pname, name) != 0)
			continue;
		found = true;
		if (buf && size)
			strscpy_trunc(buf, has_val ? val : "", size);
	}
	return found;
}
