import APISpec
try Probe.run(CommandLine.arguments[1])
