/* main.c — entry point; everything is in cli.c. */
#include "nivaran/cli/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
