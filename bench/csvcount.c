/* csvcount FILE: counts the records and fields of a CSV file with libcsv, fed 1 MiB blocks, and
 * nothing else. The floor under any libcsv-based reader: what parsing alone costs. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)1 << 20)

typedef struct counts {
    unsigned long long records, fields, bytes;
} counts;

static void on_field(void *data, size_t len, void *ctx)
{
    (void)data;
    counts *c = ctx;
    c->fields++;
    c->bytes += len;
}

static void on_record(int terminator, void *ctx)
{
    (void)terminator;
    ((counts *)ctx)->records++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: csvcount FILE\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (in == NULL) {
        fprintf(stderr, "csvcount: cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        fprintf(stderr, "csvcount: out of memory\n");
        return 1;
    }
    char *block = malloc(BLOCK_SIZE);
    if (block == NULL) {
        fprintf(stderr, "csvcount: out of memory\n");
        return 1;
    }
    counts c = {0, 0, 0};
    int status = 0;
    size_t n;
    while ((n = fread(block, 1, BLOCK_SIZE, in)) > 0) {
        if (csv_parse(&parser, block, n, on_field, on_record, &c) != n) {
            fprintf(stderr, "csvcount: %s: %s\n", argv[1], csv_strerror(csv_error(&parser)));
            status = 1;
            break;
        }
    }
    if (ferror(in)) {
        fprintf(stderr, "csvcount: cannot read %s: %s\n", argv[1], strerror(errno));
        status = 1;
    }
    if (status == 0 && csv_fini(&parser, on_field, on_record, &c) != 0) {
        fprintf(stderr, "csvcount: %s: %s\n", argv[1], csv_strerror(csv_error(&parser)));
        status = 1;
    }
    csv_free(&parser);
    free(block);
    fclose(in);
    if (status == 0)
        printf("%llu records, %llu fields, %llu bytes of field text\n", c.records, c.fields,
               c.bytes);
    return status;
}
