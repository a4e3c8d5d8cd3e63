using ScormFunctions.LocalHost;

LocalHostApp.Build(args).Run();

/// <summary>Entry point type, public so tests can reference the assembly's entry point.</summary>
public partial class Program;
