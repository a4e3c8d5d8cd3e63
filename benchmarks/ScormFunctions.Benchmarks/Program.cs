using ScormFunctions.Benchmarks;

// dotnet run -c Release --project benchmarks/ScormFunctions.Benchmarks -- <name> [--quick]
//   relay --size-mib 1024 [--runs 3] [--regenerate]; postbacks; csv; launch; assign; imports; reconcile
var name = args.Length > 0 ? args[0] : "";
return name switch
{
    "relay" => await RelayBenchmark.MainAsync(args),
    "postbacks" => await PostbacksBenchmark.MainAsync(args),
    "csv" => await CsvBenchmark.MainAsync(args),
    "launch" => await LaunchBenchmark.MainAsync(args),
    "assign" => await AssignBenchmark.MainAsync(args),
    "imports" => await ImportsBenchmark.MainAsync(args),
    "reconcile" => await ReconcileBenchmark.MainAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: <relay|postbacks|csv|launch|assign|imports|reconcile> [--quick]");
    return 2;
}
