using KerasPort.Examples;

// The article's listings as one program. No argument runs every listing, then the showdown.
string output = Path.GetFullPath("output");
var commands = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--help" or "-h":
            Console.WriteLine("usage: dotnet run --project examples/KerasPort.Examples -- [--output DIR] [EXAMPLE ...]");
            Console.WriteLine();
            Console.WriteLine("With no EXAMPLE, runs them all in this order. Examples:");
            foreach (var (name, description) in ExampleRunner.Commands) Console.WriteLine($"  {name,-15} {description}");
            Console.WriteLine();
            Console.WriteLine("  --output DIR    where images and plots are written (default: ./output)");
            return 0;
        case "--output" when i + 1 < args.Length:
            output = Path.GetFullPath(args[++i]);
            break;
        default:
            if (!ExampleRunner.Commands.Any(c => c.name == args[i]))
            {
                Console.Error.WriteLine($"unknown example '{args[i]}'; try --help");
                return 2;
            }
            commands.Add(args[i]);
            break;
    }
}

var runner = new ExampleRunner(output, Console.Out);
foreach (string command in commands.Count > 0 ? commands : ExampleRunner.Commands.Select(c => c.name))
    runner.Run(command);
Console.WriteLine();
Console.WriteLine($"Outputs are under {output}");
return 0;
