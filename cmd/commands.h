/*
 * commands.h - one entry point per command, dispatched by cmd/plenum.c.
 */
#ifndef PLENUM_COMMANDS_H
#define PLENUM_COMMANDS_H

int	cmd_bursts(int, char **);
int	cmd_changes(int, char **);
int	cmd_cooc(int, char **);
int	cmd_diff(int, char **);
int	cmd_docs(int, char **);
int	cmd_export(int, char **);
int	cmd_freq(int, char **);
int	cmd_info(int, char **);
int	cmd_ingest(int, char **);
int	cmd_keyness(int, char **);
int	cmd_kwic(int, char **);
int	cmd_new(int, char **);
int	cmd_optimize(int, char **);
int	cmd_plot(int, char **);
int	cmd_query(int, char **);
int	cmd_reindex(int, char **);
int	cmd_report(int, char **);
int	cmd_series(int, char **);
int	cmd_tokenize(int, char **);
int	cmd_trends(int, char **);

#endif /* PLENUM_COMMANDS_H */
