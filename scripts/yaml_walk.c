/*
 * yaml_walk: the physical limit of Jimu's parse stage. Walks libyaml's events over every
 * file of a list and does nothing else: no tree, no strings, no checks.
 *
 *   cc -O2 -o yaml_walk scripts/yaml_walk.c -lyaml
 *   yaml_walk LIST [--runs N]
 *
 * LIST holds one file path a line. Every file is read into memory first, as the Swift
 * reader benchmark (Benchmarks/ReaderBench) does, so only parsing is timed. One untimed
 * pass warms the caches, then N timed passes (default 3). Prints one JSON object: files,
 * bytes, events, and the wall and CPU seconds of each pass (CPU time stays honest on a
 * busy machine). scripts/bench.py compiles and runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

struct buffer {
    unsigned char *bytes;
    size_t size;
};

static double clock_seconds(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int read_file(const char *path, struct buffer *out) {
    FILE *file = fopen(path, "rb");
    if (!file) return -1;
    if (fseek(file, 0, SEEK_END) != 0) { fclose(file); return -1; }
    long size = ftell(file);
    if (size < 0 || fseek(file, 0, SEEK_SET) != 0) { fclose(file); return -1; }
    out->bytes = malloc(size > 0 ? (size_t)size : 1);
    out->size = (size_t)size;
    if (!out->bytes || fread(out->bytes, 1, out->size, file) != out->size) { fclose(file); return -1; }
    fclose(file);
    return 0;
}

/* Every event of one file; returns the event count, or -1 on a parse error. */
static long walk(const struct buffer *input) {
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    if (!yaml_parser_initialize(&parser)) return -1;
    yaml_parser_set_input_string(&parser, input->bytes, input->size);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            yaml_parser_delete(&parser);
            return -1;
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    return events;
}

int main(int argc, char **argv) {
    const char *list_path = NULL;
    int runs = 3;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = atoi(argv[++i]);
        else list_path = argv[i];
    }
    if (!list_path || runs < 1) {
        fprintf(stderr, "usage: %s LIST [--runs N]\n", argv[0]);
        return 2;
    }
    FILE *list = fopen(list_path, "r");
    if (!list) { perror(list_path); return 2; }

    size_t count = 0, capacity = 1024, total = 0;
    struct buffer *files = malloc(capacity * sizeof *files);
    char line[4096];
    while (fgets(line, sizeof line, list)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0]) continue;
        if (count == capacity) {
            capacity *= 2;
            files = realloc(files, capacity * sizeof *files);
            if (!files) { fprintf(stderr, "out of memory\n"); return 2; }
        }
        if (read_file(line, &files[count]) != 0) { perror(line); return 2; }
        total += files[count].size;
        count++;
    }
    fclose(list);

    long events = 0;
    for (size_t i = 0; i < count; i++) {  /* untimed warm-up pass, which also validates */
        long n = walk(&files[i]);
        if (n < 0) { fprintf(stderr, "yaml_walk: libyaml rejects file %zu\n", i); return 1; }
        events += n;
    }
    double *walls = malloc((size_t)runs * sizeof *walls), *cpus = malloc((size_t)runs * sizeof *cpus);
    for (int r = 0; r < runs; r++) {
        long check = 0;
        double cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID), start = clock_seconds(CLOCK_MONOTONIC);
        for (size_t i = 0; i < count; i++) check += walk(&files[i]);
        walls[r] = clock_seconds(CLOCK_MONOTONIC) - start;
        cpus[r] = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu;
        if (check != events) { fprintf(stderr, "yaml_walk: event counts differ between passes\n"); return 1; }
    }
    printf("{\"files\": %zu, \"bytes\": %zu, \"events\": %ld, \"walk\": [", count, total, events);
    for (int r = 0; r < runs; r++) printf("%s%.6f", r ? ", " : "", walls[r]);
    printf("], \"walk_cpu\": [");
    for (int r = 0; r < runs; r++) printf("%s%.6f", r ? ", " : "", cpus[r]);
    printf("]}\n");
    free(walls);
    free(cpus);
    for (size_t i = 0; i < count; i++) free(files[i].bytes);
    free(files);
    return 0;
}
