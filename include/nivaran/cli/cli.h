/* cli.h — the command line of OUTPUTS.md: run, ingest, report, demo, gen.
 * cli_main() parses argv (and an INI file with --config), runs the command
 * and returns the process exit status (0, 1, 2, 3 or 4). */
#ifndef NIVARAN_CLI_H
#define NIVARAN_CLI_H

int cli_main(int argc, char **argv);

#endif
