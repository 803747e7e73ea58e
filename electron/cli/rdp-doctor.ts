// Placeholder until the probe CLI lands (issue 3); replaced by the real command.
process.stderr.write('rdp-doctor: the probe command is not built yet\n');
process.exitCode = 2;
