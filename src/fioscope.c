/* fioscope.c: main() and dispatch only.  "fioscope CMD ..." and the
 * programs fioscope-CMD (links to the same binary) run the same code. */
#include <locale.h>
#include <string.h>
#include "cli.h"

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv, const char *prog);
	const char *summary;
};

static const struct cmd cmds[] = {
	{ "ingest", cmd_ingest, "import fio results into the store" },
	{ "ls", cmd_ls, "list the scenarios in the store" },
	{ "observe", cmd_observe, "compare runtimes against a baseline runtime" },
	{ "query", cmd_query, "run read-only SQL on the store" },
	{ "render", cmd_render, "draw figures from the store" },
	{ "report", cmd_report, "write the HTML report: figures, observations, coverage" },
	{ "rm", cmd_rm, "remove files, their runs and statistics from the store" },
	{ "slides", cmd_slides, "build the results section of a talk: PDF or PPTX" },
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static int help(FILE *f)
{
	size_t i;

	fputs("usage: fioscope [--version] [--help] COMMAND [ARGS]\n\n"
	      "fio results -> SQLite store -> figures and comparison tables.\n\n"
	      "Commands:\n", f);
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fputs("\nRun 'fioscope COMMAND --help' for a command's options.\n", f);
	return 0;
}

static const struct cmd *find(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	const struct cmd *c;

	base = base ? base + 1 : argv[0];
	/* the character set decides between "µs" and "us" (cli_ascii) */
	setlocale(LC_CTYPE, "");
	/* fioscope-ingest & co: the link's name picks the command */
	if (!strncmp(base, "fioscope-", 9) && (c = find(base + 9)))
		return c->fn(argc, argv, base);
	if (argc < 2)
		return help(stderr), FSC_EXIT_USAGE;
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		help(stdout);
		return cli_close_stdout("fioscope");
	}
	if (!strcmp(argv[1], "--version")) {
		printf("fioscope %s (schema %d)\n", FSC_VERSION,
		       fsc_schema_version());
		return cli_close_stdout("fioscope");
	}
	if (argv[1][0] == '-') {
		static const char *const opts[] = { "--help", "--version" };
		const char *near = fsc_suggest(argv[1], opts, 2);

		if (near)
			return cli_usage("fioscope", NULL, "unknown option "
					 "'%s'; did you mean '%s'?", argv[1], near);
		return cli_usage("fioscope", NULL, "unknown option '%s'",
				 argv[1]);
	}
	c = find(argv[1]);
	if (!c) {
		const char *names[NCMDS], *near;
		size_t i;

		for (i = 0; i < NCMDS; i++)
			names[i] = cmds[i].name;
		near = fsc_suggest(argv[1], names, NCMDS);
		if (near)
			return cli_usage("fioscope", NULL, "unknown command "
					 "'%s'; did you mean '%s'?", argv[1], near);
		return cli_usage("fioscope", NULL, "unknown command '%s'",
				 argv[1]);
	}
	return c->fn(argc - 1, argv + 1, "fioscope");
}
