/* cbkpi: survey CSVs of a capacity-building office -> KPI workbooks. */
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/commands.h"
#include "cli/options.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"run", command_run, "validate a data folder and write every workbook it has inputs for"},
    {"evaluate", command_evaluate, "score post-workshop questionnaires into evaluation.xlsx"},
    {"needs", command_needs, "rank the annual needs-assessment survey into needs-YEAR.xlsx"},
    {"scorecard", command_scorecard, "compute every KPI of the plan into scorecard.xlsx"},
    {"validate", command_validate, "check input files and report every problem; write nothing"},
};

static void print_help(FILE *out)
{
    fprintf(out, "Usage: cbkpi COMMAND [OPTIONS]\n"
                 "Turns the survey CSVs of a capacity-building office into KPI workbooks.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'cbkpi COMMAND --help' for a command's options.\n"
                 "  -h, --help     show this help\n"
                 "  --version      show the version\n\n"
                 "Exit status: 0 done, 1 rows rejected with --strict or problems found by\n"
                 "validate, 2 usage or fatal error.\n");
}

/* Large buffers (a reading's blocks, the sorted runs of unique keys) are mapped apart from the
 * heap and go back to the system when freed. The parts of a large file are read on several
 * threads; with glibc's moving threshold those buffers would come from the threads' heaps,
 * between small blocks that live until the parts are merged, and stay resident. */
static void keep_large_buffers_off_the_heap(void)
{
#ifdef __GLIBC__
    if (mallopt(M_MMAP_THRESHOLD, 256 << 10) == 0)
        return; /* not taken: memory is then glibc's to manage, the results are the same */
#endif
}

int main(int argc, char **argv)
{
    keep_large_buffers_off_the_heap();
    if (argc < 2) {
        print_help(stderr);
        return EXIT_FATAL;
    }
    if (option_is_help(argv[1])) {
        print_help(stdout);
        return EXIT_DONE;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("cbkpi %s\n", CBKPI_VERSION);
        return EXIT_DONE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "cbkpi: unknown command \"%s\"\nTry 'cbkpi --help'.\n", argv[1]);
    return EXIT_FATAL;
}
