using ScormFunctions.Benchmarks;

// dotnet run -c Release --project benchmarks/ScormFunctions.Benchmarks -- relay --size-mib 1024 [--runs 3] [--regenerate]
return await RelayBenchmark.MainAsync(args);
