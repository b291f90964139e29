/* cli.c — placeholder until the command line lands. */
#include "nivaran/cli.h"

#include <stdio.h>

int cli_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "nivaran: not built yet\n");
    return 2;
}
