/* One function per command: options in, stages run, exit status out. */
#ifndef CBKPI_CLI_COMMANDS_H
#define CBKPI_CLI_COMMANDS_H

/** cbkpi validate: checks inputs, writes nothing. */
int command_validate(int argc, char **argv);
/** cbkpi evaluate: scores post-workshop questionnaires into evaluation.xlsx. */
int command_evaluate(int argc, char **argv);
/** cbkpi needs: ranks the annual needs-assessment survey into needs-YEAR.xlsx. */
int command_needs(int argc, char **argv);
/** cbkpi scorecard: every KPI of the plan catalogue into scorecard.xlsx. */
int command_scorecard(int argc, char **argv);

#endif
