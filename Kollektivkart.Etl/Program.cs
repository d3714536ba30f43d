using Kollektivkart.Etl.Cli;

return EtlCommandLine.Run(args);
